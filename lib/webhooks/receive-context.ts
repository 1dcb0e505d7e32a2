import "server-only";
import { appConfig } from "@/lib/env";
import { securityHeaders } from "@/lib/security/headers";
import type { ReceiveContext } from "./receive";
import { WEBHOOK_PATH } from "./endpoint";
import { stripeRecordDependencies } from "./stripe-facts";

/**
 * What a delivery is checked and recorded with, the same for both entry points: the Next route
 * (app/api/webhooks/stripe) and the standalone ingest server (lib/webhooks/ingest/server.ts).
 */
export function webhookReceiveContext(): ReceiveContext {
  const config = appConfig();
  return {
    environmentSecrets: config.stripe.webhookSecrets,
    livemode: config.stripe.mode === "live",
    dependencies: stripeRecordDependencies(),
    responseHeaders: securityHeaders(WEBHOOK_PATH, {
      stripeMode: config.stripe.mode,
      emulatorUrl: config.stripe.emulatorUrl,
      https: config.auth.url?.startsWith("https:") ?? false,
    }),
  };
}
