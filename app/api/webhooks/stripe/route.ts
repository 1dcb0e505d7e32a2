import { appConfig } from "@/lib/env";
import { securityHeaders } from "@/lib/security/headers";
import { receiveStripeWebhook } from "@/lib/webhooks/receive";
import { stripeRecordDependencies } from "@/lib/webhooks/stripe-facts";

// Signature checks need the raw body and node's crypto; every delivery is new. The proxy does not run
// here (proxy.ts's matcher): the route sets the API answers' security headers itself.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const config = appConfig();
  return receiveStripeWebhook(request, {
    environmentSecrets: config.stripe.webhookSecrets,
    livemode: config.stripe.mode === "live",
    dependencies: stripeRecordDependencies(),
    responseHeaders: securityHeaders("/api/webhooks/stripe", {
      stripeMode: config.stripe.mode,
      emulatorUrl: config.stripe.emulatorUrl,
      https: config.auth.url?.startsWith("https:") ?? false,
    }),
  });
}
