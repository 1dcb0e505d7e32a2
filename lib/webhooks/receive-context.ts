import "server-only";
import { appConfig, type AppConfig } from "@/lib/env";
import { securityHeaders } from "@/lib/security/headers";
import type { ReceiveContext } from "./receive";
import { WEBHOOK_PATH } from "./endpoint";
import { kickFollowUps } from "./follow-up";
import { stripeRecordDependencies } from "./stripe-facts";

/** Built once per configuration: the route asks for it on every delivery, and its answer headers are merged once per context (receive.ts). */
const contextByConfig = new WeakMap<AppConfig, ReceiveContext>();

/**
 * What a delivery is checked and recorded with, the same for both entry points: the Next route
 * (app/api/webhooks/stripe) and the standalone ingest server (lib/webhooks/ingest/server.ts).
 */
export function webhookReceiveContext(): ReceiveContext {
  const config = appConfig();
  let context = contextByConfig.get(config);
  if (!context) {
    context = receiveContextFor(config);
    contextByConfig.set(config, context);
  }
  return context;
}

function receiveContextFor(config: AppConfig): ReceiveContext {
  const dependencies = stripeRecordDependencies();
  return {
    environmentSecrets: config.stripe.webhookSecrets,
    livemode: config.stripe.mode === "live",
    dependencies,
    // No delivery waits on Stripe: what needs it is projected by the follow-up worker, after the answer.
    stripeWork: "later",
    onQueued: () => kickFollowUps(dependencies),
    responseHeaders: securityHeaders(WEBHOOK_PATH, {
      stripeMode: config.stripe.mode,
      emulatorUrl: config.stripe.emulatorUrl,
      https: config.auth.url?.startsWith("https:") ?? false,
    }),
  };
}
