import { db } from "@/lib/db";
import { disputeStatusInSentence, disputeStatusLabel, refundStatusLabel } from "@/lib/format";

/**
 * An object's history: Stripe's events about it and the staff actions on it, in one list. Events
 * are those whose own object it is (stripe_events.object_id) and those that name it
 * (stripe_event_objects), one indexed scan each per object id; staff actions match by the object
 * they were taken on or the object they created.
 */

export interface TimelineEntry {
  key: string;
  at: Date;
  source: "stripe" | "staff";
  /** Event type ("charge.refunded") or action kind ("refund.create"). */
  kind: string;
  title: string;
  detail: string | null;
  actor: string | null;
  status: "succeeded" | "failed" | "pending" | null;
}

const EVENT_TITLES: Record<string, string> = {
  "payment_intent.created": "Payment started",
  "payment_intent.succeeded": "Payment succeeded",
  "payment_intent.payment_failed": "Payment failed",
  "payment_intent.requires_action": "Customer authentication requested",
  "payment_intent.canceled": "Payment canceled",
  "payment_intent.amount_capturable_updated": "Payment authorised",
  "charge.succeeded": "Charge succeeded",
  "charge.failed": "Charge failed",
  "charge.captured": "Charge captured",
  "charge.expired": "Authorisation expired",
  "charge.updated": "Charge updated",
  "charge.refunded": "Charge refunded",
  "charge.refund.updated": "Refund updated",
  "refund.created": "Refund created",
  "refund.updated": "Refund updated",
  "refund.failed": "Refund failed",
  "charge.dispute.created": "Dispute opened",
  "charge.dispute.updated": "Dispute updated",
  "charge.dispute.closed": "Dispute closed",
  "charge.dispute.funds_withdrawn": "Disputed funds withdrawn",
  "charge.dispute.funds_reinstated": "Disputed funds reinstated",
  "radar.early_fraud_warning.created": "Early fraud warning",
  "radar.early_fraud_warning.updated": "Early fraud warning updated",
  "setup_intent.succeeded": "Card saved",
  "setup_intent.setup_failed": "Card could not be saved",
  "payment_method.attached": "Card attached",
  "payment_method.detached": "Card detached",
  "customer.created": "Customer created",
  "customer.updated": "Customer updated",
};

export const ACTION_TITLES: Record<string, string> = {
  "customer.create": "Customer created by staff",
  "customer.update": "Customer edited by staff",
  "customer.card_link.send": "Card link sent",
  "customer.default_card.set": "Default card changed",
  "customer.card.detach": "Card removed",
  "payment.charge": "Saved card charged",
  "payment.link.send": "Payment link sent",
  "refund.create": "Refund requested",
  "dispute.evidence_file.upload": "Evidence file uploaded",
  "dispute.evidence.stage": "Evidence draft saved",
  "dispute.evidence.submit": "Evidence submitted",
  "dispute.accept": "Dispute accepted",
  "customer.link.withdraw": "Link withdrawn",
  "customer.link.expire": "Payment link expired",
  "settings.time_zone.change": "Time zone changed",
  "staff.theme.change": "Theme changed",
  "payments.export": "Payments exported",
  "refunds.export": "Refunds exported",
  "payouts.export": "Payouts exported",
  "disputes.export": "Disputes exported",
  "customers.export": "Customers exported",
  "events.export": "Events exported",
  "audit.export": "Audit log exported",
};

function eventDetail(type: string, payload: unknown): string | null {
  const object = (payload as { data?: { object?: Record<string, unknown> } } | null)?.data?.object;
  if (!object) return null;
  if (type === "charge.dispute.closed" && typeof object.status === "string") return `Closed as ${disputeStatusInSentence(object.status)}`;
  if (type.startsWith("charge.dispute") && typeof object.status === "string") return `Status: ${disputeStatusLabel(object.status)}`;
  if (type.startsWith("refund") && typeof object.status === "string") return `Status: ${refundStatusLabel(object.status)}`;
  return null;
}

export async function objectTimeline(objectIds: ReadonlyArray<string | null | undefined>, limit = 200): Promise<TimelineEntry[]> {
  const ids = [...new Set(objectIds.filter((id): id is string => Boolean(id)))];
  if (ids.length === 0) return [];
  const [events, actions] = await Promise.all([
    db().$queryRawUnsafe<{ id: string; type: string; created: Date; payload: unknown }[]>(
      `SELECT e.id, e.type, e.created, e.payload FROM stripe_events e
        WHERE e.id IN (SELECT id FROM stripe_events WHERE object_id = ANY($1::text[])
                       UNION ALL SELECT event_id FROM stripe_event_objects WHERE object_id = ANY($1::text[]))
        ORDER BY e.created DESC, e.id DESC LIMIT $2`,
      ids,
      limit,
    ),
    db().$queryRawUnsafe<{ id: string; kind: string; created_at: Date; status: string; error_message: string | null; outcome: unknown; actor: string }[]>(
      `SELECT a.id, a.kind, a.created_at, a.status::text AS status, a.error_message, a.outcome, s.name AS actor
         FROM staff_actions a JOIN staff_users s ON s.id = a.actor_id
        WHERE a.object_id = ANY($1::text[]) OR a.outcome->>'objectId' = ANY($1::text[])
        ORDER BY a.created_at DESC LIMIT $2`,
      ids,
      limit,
    ),
  ]);
  const entries: TimelineEntry[] = [
    ...events.map((e) => ({
      key: e.id,
      at: e.created,
      source: "stripe" as const,
      kind: e.type,
      title: EVENT_TITLES[e.type] ?? e.type,
      detail: eventDetail(e.type, e.payload),
      actor: null,
      status: null,
    })),
    ...actions.map((a) => ({
      key: a.id,
      at: a.created_at,
      source: "staff" as const,
      kind: a.kind,
      title: ACTION_TITLES[a.kind] ?? a.kind,
      detail: a.status === "failed" ? a.error_message : ((a.outcome as { message?: string } | null)?.message ?? null),
      actor: a.actor,
      status: a.status as TimelineEntry["status"],
    })),
  ];
  return entries.sort(
    (x, y) =>
      Math.floor(x.at.getTime() / 1000) - Math.floor(y.at.getTime() / 1000) ||
      rank(x) - rank(y) ||
      x.at.getTime() - y.at.getTime() ||
      x.key.localeCompare(y.key),
  );
}

/**
 * Order within one second, which is all Stripe's event times resolve: the staff action that caused
 * the events first, then an object's creation, its changes, and its closing last.
 */
function rank(entry: TimelineEntry): number {
  if (entry.source === "staff") return 0;
  if (/\.(created|succeeded)$/.test(entry.kind) && !entry.kind.startsWith("charge.dispute.funds")) return 1;
  if (/\.(closed|funds_reinstated)$/.test(entry.kind)) return 3;
  return 2;
}
