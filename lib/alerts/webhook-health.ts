import { db } from "@/lib/db";
import type { Stripe } from "@/lib/stripe/client";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/projectors";
import { readStoredEndpoint } from "@/lib/webhooks/settings";
import { raiseAlerts, utcDay } from "./raise";
import type { AlertDraft } from "./rules";

/**
 * The webhook alerts. Stripe sends no event when its deliveries to us fail or it disables our
 * endpoint (it emails the account owner instead), and a delivery that never arrives says nothing
 * by itself, so the app asks Stripe what it can see:
 *   - the endpoint this deployment set up (GET /v1/webhook_endpoints/:id): `status` "disabled";
 *   - events Stripe lists as not delivered (GET /v1/events?delivery_success=false: "still pending
 *     or have failed all delivery attempts") of the types our endpoint receives, created more than
 *     an hour ago — past Stripe's first retries — that never reached us by webhook. An event held
 *     only through a catch-up was missed too; one pending only for another endpoint of the account
 *     reached us and is not counted.
 * Each is told once per UTC day while it lasts (the day is part of the alert's source key); an
 * event in another API version is told by raiseOtherVersionAlert (raise.ts) as it is stored.
 */

const PENDING_FOR_SECONDS = 60 * 60;
/** Stripe retries for up to 3 days; an older undelivered event is a catch-up's business, not news. */
const RETRIES_FOR_SECONDS = 3 * 24 * 60 * 60;
const RECEIVED_TYPES = new Set<string>(WEBHOOK_EVENT_TYPES);

export interface WebhookHealth {
  endpointDisabled: boolean;
  missed: number;
  raised: number;
}

/** One look at Stripe; `now` is the emulator's clock in tests. */
export async function scanWebhookHealth(client: Stripe, now = new Date()): Promise<WebhookHealth> {
  const drafts: AlertDraft[] = [];
  const day = utcDay(now);
  const stored = await readStoredEndpoint();
  let endpointDisabled = false;
  if (stored) {
    const endpoint = await client.webhookEndpoints.retrieve(stored.id);
    endpointDisabled = endpoint.status === "disabled";
    if (endpointDisabled) {
      drafts.push({
        rule: "webhooks.endpoint_disabled",
        sourceKey: `day:${day}:endpoint_disabled:${endpoint.id}`,
        objectType: "webhook_endpoint",
        objectId: endpoint.id,
        facts: { endpointId: endpoint.id, url: endpoint.url },
      });
    }
  }

  const nowSeconds = Math.floor(now.getTime() / 1000);
  const undelivered: Stripe.Event[] = [];
  for await (const event of client.events.list({ delivery_success: false, created: { lt: nowSeconds - PENDING_FOR_SECONDS, gte: nowSeconds - RETRIES_FOR_SECONDS }, limit: 100 })) {
    if (RECEIVED_TYPES.has(event.type)) undelivered.push(event);
    if (undelivered.length >= 1000) break;
  }
  let missed: Stripe.Event[] = [];
  if (undelivered.length > 0) {
    const received = await db().stripeEvent.findMany({ where: { id: { in: undelivered.map((e) => e.id) }, source: "webhook" }, select: { id: true } });
    const arrived = new Set(received.map((r) => r.id));
    missed = undelivered.filter((e) => !arrived.has(e.id)).sort((a, b) => a.created - b.created || a.id.localeCompare(b.id));
  }
  const oldest = missed[0];
  if (oldest) {
    drafts.push({
      rule: "webhooks.deliveries_failing",
      sourceKey: `day:${day}:deliveries_failing`,
      objectType: "event",
      objectId: oldest.id,
      facts: { missed: missed.length, oldestEventId: oldest.id, oldestAt: new Date(oldest.created * 1000).toISOString() },
    });
  }
  const raised = drafts.length === 0 ? 0 : (await db().$transaction((tx) => raiseAlerts(tx, drafts, now))).raised;
  return { endpointDisabled, missed: missed.length, raised };
}
