import { receiveStripeWebhook } from "@/lib/webhooks/receive";
import { webhookReceiveContext } from "@/lib/webhooks/receive-context";

// Signature checks need the raw body and node's crypto; every delivery is new. The proxy does not run
// here (proxy.ts's matcher): the route sets the API answers' security headers itself.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return receiveStripeWebhook(request, webhookReceiveContext());
}
