import { appConfig } from "@/lib/env";
import { receiveStripeWebhook } from "@/lib/webhooks/receive";
import { stripeRecordDependencies } from "@/lib/webhooks/stripe-facts";

// Signature checks need the raw body and node's crypto; every delivery is new.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const config = appConfig();
  return receiveStripeWebhook(request, {
    environmentSecrets: config.stripe.webhookSecrets,
    livemode: config.stripe.mode === "live",
    dependencies: stripeRecordDependencies(),
  });
}
