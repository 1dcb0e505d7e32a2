import type { Permission } from "@/lib/auth/permissions";
import { disputeCaseType, preventedNoteFor } from "@/lib/disputes/read-only";
import { disputeReasonLabel, formatDateTime, fraudTypeLabel, refundFailureLabel, type ViewerFormat } from "@/lib/format";
import { formatMoney } from "@/lib/money";
import { describePayoutFailure } from "@/lib/payouts/failures";

/**
 * Every alert Ledgerline raises, in one table: what raises it, who receives it, and what it says.
 * Adding an alert is adding one entry. Facts are stored when the alert is raised (amounts in minor
 * units, instants as ISO strings) and put into words when read, in the reader's own locale and
 * time zone, the same way the pages do (lib/format, lib/money).
 */

export type AlertFacts = Record<string, string | number | boolean | null>;

/** What one rule raises from one cause, before it is fanned out to recipients. */
export interface AlertDraft {
  rule: AlertRuleId;
  /** "event:<evt id>", "action:<staff action id>" or a schedule slot: with rule and recipient, the alert's identity. */
  sourceKey: string;
  objectType: string;
  objectId: string;
  facts: AlertFacts;
  /** The staff member the alert is about, told as well when the rule says so. */
  subjectStaffId?: string;
}

/** A Stripe event as the rules see it: its id, its type, and the object as projected. */
export interface RuleEvent {
  id: string;
  type: string;
  object: Record<string, unknown>;
}

export interface AlertRule {
  label: string;
  /** One line on the preferences page: when this alert is raised. */
  description: string;
  /** Everyone holding this permission gets the alert in their inbox. */
  audience: Permission;
  /** Holders of this permission get it by email too unless they turn it off (lib/alerts/defaults.ts). */
  emailByDefault: Permission;
  /** The staff member the alert is about receives it too, whatever their role. */
  tellsSubject?: boolean;
  /** The event type that raises it; staff and schedule rules are raised by their own code. */
  eventType?: string;
  fromEvent?: (event: RuleEvent) => Omit<AlertDraft, "rule" | "sourceKey"> | null;
  title: (facts: AlertFacts, viewer: ViewerFormat) => string;
  lines: (facts: AlertFacts, viewer: ViewerFormat) => string[];
  href: (facts: AlertFacts) => string;
}

const str = (value: unknown): string | null => (typeof value === "string" ? value : null);
const num = (value: unknown): number => (typeof value === "number" ? value : 0);
const money = (facts: AlertFacts, viewer: ViewerFormat) => formatMoney(num(facts.amount), String(facts.currency ?? "usd"), viewer.locale);
const when = (iso: unknown, viewer: ViewerFormat) => (typeof iso === "string" ? formatDateTime(new Date(iso), viewer) : "not set");
const epochIso = (seconds: unknown) => (typeof seconds === "number" ? new Date(seconds * 1000).toISOString() : null);
const idOf = (value: unknown): string | null => (typeof value === "string" ? value : str((value as { id?: unknown } | null)?.id));
const paymentHref = (facts: AlertFacts, fallback: string) => (facts.paymentIntentId ? `/payments/${String(facts.paymentIntentId)}` : fallback);

function disputeFacts(object: Record<string, unknown>): AlertFacts {
  const evidence = (object.evidence_details ?? {}) as Record<string, unknown>;
  return {
    disputeId: String(object.id),
    amount: num(object.amount),
    currency: String(object.currency),
    reason: str(object.reason),
    status: str(object.status),
    dueBy: epochIso(evidence.due_by),
    paymentIntentId: idOf(object.payment_intent),
    caseType: disputeCaseType(object),
  };
}

/**
 * A payout or refund that failed: the object, its id under `idFact`, its amount and currency, and
 * what its kind says about the failure.
 */
function failedMoneyMovement(objectType: string, idFact: string, why: (object: Record<string, unknown>) => AlertFacts): NonNullable<AlertRule["fromEvent"]> {
  return ({ object }) => ({
    objectType,
    objectId: String(object.id),
    facts: { [idFact]: String(object.id), amount: num(object.amount), currency: String(object.currency), ...why(object) },
  });
}

// An inquiry (warning_*) is not yet a chargeback: Stripe calls it an inquiry, and so do we.
const isInquiry = (facts: AlertFacts) => String(facts.status ?? "").startsWith("warning_");
// Stripe sends charge.dispute.created for a dispute it prevented too: nothing to answer, no deadline.
const isPrevented = (facts: AlertFacts) => facts.status === "prevented";

export const ALERT_RULES = {
  "dispute.opened": {
    label: "New dispute or inquiry",
    description: "A customer's bank opens a dispute or an inquiry, or Stripe prevents one: its amount, reason and the evidence deadline.",
    audience: "dashboard.read",
    emailByDefault: "disputes.evidence.submit",
    eventType: "charge.dispute.created",
    fromEvent: ({ object }) => ({ objectType: "dispute", objectId: String(object.id), facts: disputeFacts(object) }),
    title: (f, v) => `${isPrevented(f) ? "Dispute prevented" : isInquiry(f) ? "New inquiry" : "New dispute"}: ${money(f, v)} (${disputeReasonLabel(str(f.reason))})`,
    lines: (f, v) => [
      `Amount: ${money(f, v)}`,
      `Reason: ${disputeReasonLabel(str(f.reason))}`,
      isPrevented(f) ? preventedNoteFor(str(f.caseType)) : `Evidence due by: ${when(f.dueBy, v)}`,
    ],
    href: (f) => `/disputes/${String(f.disputeId)}`,
  },
  "dispute.evidence_due": {
    label: "Dispute evidence due soon",
    description: "A dispute still has no submitted evidence 72 hours and again 24 hours before its deadline.",
    audience: "dashboard.read",
    emailByDefault: "disputes.evidence.submit",
    title: (f, v) => `Evidence due in ${num(f.hoursBefore)} hours: ${money(f, v)} dispute`,
    lines: (f, v) => [`Amount: ${money(f, v)}`, `Reason: ${disputeReasonLabel(str(f.reason))}`, `Evidence due by: ${when(f.dueBy, v)}`, "No evidence has been submitted yet."],
    href: (f) => `/disputes/${String(f.disputeId)}`,
  },
  "dispute.closed": {
    label: "Dispute closed",
    description: "A dispute is decided: won (the amount returns to the balance) or lost (it stays withdrawn).",
    audience: "dashboard.read",
    emailByDefault: "disputes.evidence.submit",
    eventType: "charge.dispute.closed",
    fromEvent: ({ object }) => ({ objectType: "dispute", objectId: String(object.id), facts: disputeFacts(object) }),
    title: (f, v) => (f.status === "won" ? `Dispute won: ${money(f, v)}` : f.status === "lost" ? `Dispute lost: ${money(f, v)}` : `Dispute closed: ${money(f, v)}`),
    lines: (f, v) => [
      f.status === "won"
        ? `${money(f, v)} returns to your balance.`
        : f.status === "lost"
          ? `${money(f, v)} stays withdrawn from your balance, with the dispute fee.`
          : `The inquiry closed without becoming a chargeback; the balance did not change.`,
      `Reason: ${disputeReasonLabel(str(f.reason))}`,
    ],
    href: (f) => `/disputes/${String(f.disputeId)}`,
  },
  "early_fraud_warning": {
    label: "Early fraud warning",
    description: "A card issuer reports a payment as likely fraud; refunding it now usually prevents a dispute.",
    audience: "dashboard.read",
    emailByDefault: "refunds.create",
    eventType: "radar.early_fraud_warning.created",
    fromEvent: ({ object }) => ({
      objectType: "radar.early_fraud_warning",
      objectId: String(object.id),
      facts: { warningId: String(object.id), fraudType: str(object.fraud_type), actionable: object.actionable === true, chargeId: idOf(object.charge), paymentIntentId: idOf(object.payment_intent) },
    }),
    title: (f) => `Early fraud warning: ${fraudTypeLabel(str(f.fraudType))}`,
    lines: (f) => [
      `The card issuer reports: ${fraudTypeLabel(str(f.fraudType))}.`,
      f.actionable ? "Refund the payment now to usually prevent a dispute, or keep it and be ready to answer one." : "No action is possible: the payment is already refunded or disputed.",
    ],
    href: (f) => `${paymentHref(f, "/payments")}#refund`,
  },
  "payout.failed": {
    label: "Payout failed",
    description: "A payout to the bank account failed; the reason in words and what to do next.",
    audience: "dashboard.read",
    emailByDefault: "settings.manage",
    eventType: "payout.failed",
    fromEvent: failedMoneyMovement("payout", "payoutId", (o) => ({ failureCode: str(o.failure_code), failureMessage: str(o.failure_message) })),
    title: (f, v) => `Payout failed: ${money(f, v)}`,
    lines: (f) => {
      const words = describePayoutFailure(str(f.failureCode), str(f.failureMessage));
      return [words.what, words.next];
    },
    href: (f) => `/payouts/${String(f.payoutId)}`,
  },
  "refund.failed": {
    label: "Refund failed",
    description: "A refund could not reach the customer; the money returns to the balance.",
    audience: "dashboard.read",
    emailByDefault: "refunds.create",
    eventType: "refund.failed",
    fromEvent: failedMoneyMovement("refund", "refundId", (o) => ({ failureReason: str(o.failure_reason), paymentIntentId: idOf(o.payment_intent) })),
    title: (f, v) => `Refund failed: ${money(f, v)}`,
    lines: (f, v) => [`Why: ${refundFailureLabel(str(f.failureReason))}`, `${money(f, v)} returns to your balance; the customer was not refunded.`],
    href: (f) => paymentHref(f, "/refunds"),
  },
  "webhooks.deliveries_failing": {
    label: "Webhook deliveries failing",
    description: "Stripe has events it could not deliver to this app for over an hour (checked every 10 minutes against Stripe's list of undelivered events).",
    audience: "webhooks.endpoint.manage",
    emailByDefault: "webhooks.endpoint.manage",
    title: (f) => `Webhook deliveries failing: ${num(f.missed)} event(s) not received`,
    lines: (f, v) => [
      `Stripe reports ${num(f.missed)} event(s) it has not delivered here, the oldest ${String(f.oldestEventId)} from ${when(f.oldestAt, v)}.`,
      "Stripe keeps retrying for up to 3 days, then may disable the endpoint. Check that the app is reachable and its signing secret is current, then run a catch-up on the Events page.",
    ],
    href: () => "/events",
  },
  "webhooks.endpoint_disabled": {
    label: "Webhook endpoint disabled",
    description: "Stripe reports this app's webhook endpoint disabled, so no event arrives (checked every 10 minutes).",
    audience: "webhooks.endpoint.manage",
    emailByDefault: "webhooks.endpoint.manage",
    title: (f) => `Webhook endpoint disabled: ${String(f.endpointId)}`,
    lines: (f) => [
      `Stripe sends no events to ${String(f.url)} while its endpoint is disabled; the pages stop following Stripe.`,
      "Enable it in Stripe's Dashboard (Developers → Webhooks) or set it up again on the Events page, then run a catch-up.",
    ],
    href: () => "/events",
  },
  "webhooks.other_api_version": {
    label: "Events in another API version",
    description: "Events arrive rendered in an API version other than the one the app is built for; told once per version per day.",
    audience: "webhooks.endpoint.manage",
    emailByDefault: "webhooks.endpoint.manage",
    title: (f) => `Events arriving in API version ${String(f.apiVersion)}`,
    lines: (f) => [
      `${String(f.eventType)} (${String(f.eventId)}) came in ${String(f.apiVersion)}, not ${String(f.pinnedVersion)}: each such event costs a fetch from Stripe.`,
      "Set the endpoint up again on the Events page: it moves to a new endpoint in the app's version and deletes the old one once the new one delivers.",
    ],
    href: () => "/events",
  },
  "staff.sign_in_throttled": {
    label: "Sign-in locked",
    description: "Repeated wrong passwords locked a staff member's sign-in for a while.",
    audience: "staff.manage",
    emailByDefault: "staff.manage",
    tellsSubject: true,
    title: (f) => `Sign-in locked: ${String(f.staffName)}`,
    lines: (f, v) => [`Too many wrong passwords for ${String(f.staffEmail)} from ${String(f.address)}.`, `Sign-in is possible again after ${when(f.lockedUntil, v)}.`],
    href: () => "/settings/staff",
  },
  "staff.role_changed": {
    label: "Staff role changed",
    description: "An admin changed a staff member's role.",
    audience: "staff.manage",
    emailByDefault: "staff.manage",
    title: (f) => `Role changed: ${String(f.staffName)} is now ${String(f.to)}`,
    lines: (f) => [`${String(f.actorName)} changed ${String(f.staffName)}'s role from ${String(f.from)} to ${String(f.to)}.`],
    href: () => "/settings/staff",
  },
} as const satisfies Record<string, AlertRule>;

export type AlertRuleId = keyof typeof ALERT_RULES;
export const ALERT_RULE_IDS = Object.keys(ALERT_RULES) as AlertRuleId[];

export function alertRule(id: AlertRuleId): AlertRule {
  return ALERT_RULES[id];
}

export function isAlertRuleId(value: unknown): value is AlertRuleId {
  return typeof value === "string" && Object.hasOwn(ALERT_RULES, value);
}

/** What the webhook pipeline raises for one event: at most one draft per rule, keyed by the event. */
export function draftsForEvent(event: RuleEvent): AlertDraft[] {
  const drafts: AlertDraft[] = [];
  for (const id of ALERT_RULE_IDS) {
    const rule: AlertRule = ALERT_RULES[id];
    if (rule.eventType !== event.type || !rule.fromEvent) continue;
    const draft = rule.fromEvent(event);
    if (draft) drafts.push({ ...draft, rule: id, sourceKey: `event:${event.id}` });
  }
  return drafts;
}
