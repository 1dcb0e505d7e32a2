import { describe, expect, it } from "vitest";
import { STAFF_ROLES, type StaffRole } from "@/lib/auth/roles";
import { defaultAlertDelivery } from "./defaults";
import { ALERT_RULE_IDS, ALERT_RULES, draftsForEvent, isAlertRuleId, type AlertRuleId, type RuleEvent } from "./rules";

const NEW_YORK = { locale: "en-US", timeZone: "America/New_York" };
const BERLIN = { locale: "de-DE", timeZone: "Europe/Berlin" };
// 2026-12-10T15:00:00Z
const DUE_BY = 1_796_914_800;

const dispute = (status: string, extra: Record<string, unknown> = {}) => ({
  id: "du_1", object: "dispute", amount: 12_345, currency: "usd", reason: "fraudulent", status,
  payment_intent: "pi_1", evidence_details: { due_by: DUE_BY }, ...extra,
});

interface Row {
  event: RuleEvent;
  rule: AlertRuleId | null;
  title?: string;
  lines?: string[];
  href?: string;
  /** What is stored, where the words alone would not show a fact gone missing. */
  facts?: Record<string, unknown>;
}

// One row per cause: the event, the rule it raises (or none), and what a New York reader sees.
const TABLE: Row[] = [
  {
    event: { id: "evt_1", type: "charge.dispute.created", object: dispute("needs_response") },
    rule: "dispute.opened",
    title: "New dispute: $123.45 (Fraudulent)",
    lines: ["Amount: $123.45", "Reason: Fraudulent", "Evidence due by: Dec 10, 2026, 10:00 AM EST"],
    href: "/disputes/du_1",
  },
  {
    event: { id: "evt_2", type: "charge.dispute.created", object: dispute("warning_needs_response", { reason: "general" }) },
    rule: "dispute.opened",
    title: "New inquiry: $123.45 (General)",
    href: "/disputes/du_1",
  },
  {
    // Stripe prevented it (Visa RDR): no deadline, nothing to answer, and the customer refunded through it.
    event: {
      id: "evt_2p", type: "charge.dispute.created",
      object: dispute("prevented", { evidence_details: { due_by: null }, payment_method_details: { type: "card", card: { brand: "visa", case_type: "resolution", network_reason_code: "10.4" } } }),
    },
    rule: "dispute.opened",
    title: "Dispute prevented: $123.45 (Fraudulent)",
    lines: [
      "Amount: $123.45",
      "Reason: Fraudulent",
      "Stripe resolved this dispute before it became a chargeback: the customer was refunded through it, with no dispute fee. There is nothing to answer.",
    ],
    href: "/disputes/du_1",
  },
  {
    event: { id: "evt_3", type: "charge.dispute.closed", object: dispute("won") },
    rule: "dispute.closed",
    title: "Dispute won: $123.45",
    lines: ["$123.45 returns to your balance.", "Reason: Fraudulent"],
    href: "/disputes/du_1",
  },
  {
    event: { id: "evt_4", type: "charge.dispute.closed", object: dispute("lost") },
    rule: "dispute.closed",
    title: "Dispute lost: $123.45",
    lines: ["$123.45 stays withdrawn from your balance, with the dispute fee.", "Reason: Fraudulent"],
  },
  {
    event: { id: "evt_5", type: "radar.early_fraud_warning.created", object: { id: "issfr_1", object: "radar.early_fraud_warning", fraud_type: "stolen_card", actionable: true, charge: "ch_1", payment_intent: "pi_1" } },
    rule: "early_fraud_warning",
    href: "/payments/pi_1#refund",
  },
  {
    event: { id: "evt_6", type: "payout.failed", object: { id: "po_1", object: "payout", amount: 5000, currency: "eur", failure_code: "account_closed", failure_message: "closed" } },
    rule: "payout.failed",
    title: "Payout failed: €50.00",
    lines: ["The bank account has been closed.", "Add an open bank account in Stripe's Dashboard."],
    href: "/payouts/po_1",
    facts: { payoutId: "po_1", amount: 5000, currency: "eur", failureCode: "account_closed", failureMessage: "closed" },
  },
  {
    event: { id: "evt_7", type: "refund.failed", object: { id: "re_1", object: "refund", amount: 500, currency: "jpy", failure_reason: "expired_or_canceled_card", payment_intent: "pi_9" } },
    rule: "refund.failed",
    title: "Refund failed: ¥500",
    lines: ["Why: Card expired or canceled", "¥500 returns to your balance; the customer was not refunded."],
    href: "/payments/pi_9",
    facts: { refundId: "re_1", amount: 500, currency: "jpy", failureReason: "expired_or_canceled_card", paymentIntentId: "pi_9" },
  },
  // Events that only update what an alert already said raise nothing more.
  { event: { id: "evt_8", type: "charge.dispute.updated", object: dispute("under_review") }, rule: null },
  { event: { id: "evt_9", type: "refund.updated", object: { id: "re_1", object: "refund", status: "failed" } }, rule: null },
  { event: { id: "evt_10", type: "payout.paid", object: { id: "po_1", object: "payout" } }, rule: null },
];

// Rules raised by their own code (webhook-health.ts, raise.ts), not by one event: the facts they
// store and what a New York reader sees.
const RAISED_ELSEWHERE: { rule: AlertRuleId; facts: Record<string, string | number>; title: string; lines: string[]; href: string }[] = [
  {
    rule: "webhooks.deliveries_failing",
    facts: { missed: 3, oldestEventId: "evt_old", oldestAt: "2026-12-10T15:00:00.000Z" },
    title: "Webhook deliveries failing: 3 event(s) not received",
    lines: [
      "Stripe reports 3 event(s) it has not delivered here, the oldest evt_old from Dec 10, 2026, 10:00 AM EST.",
      "Stripe keeps retrying for up to 3 days, then may disable the endpoint. Check that the app is reachable and its signing secret is current, then run a catch-up on the Events page.",
    ],
    href: "/events",
  },
  {
    rule: "webhooks.endpoint_disabled",
    facts: { endpointId: "we_1", url: "https://shop.test/api/webhooks/stripe" },
    title: "Webhook endpoint disabled: we_1",
    lines: [
      "Stripe sends no events to https://shop.test/api/webhooks/stripe while its endpoint is disabled; the pages stop following Stripe.",
      "Enable it in Stripe's Dashboard (Developers → Webhooks) or set it up again on the Events page, then run a catch-up.",
    ],
    href: "/events",
  },
  {
    rule: "webhooks.other_api_version",
    facts: { apiVersion: "2020-03-02", pinnedVersion: "2026-10-28.endive", eventId: "evt_v", eventType: "charge.succeeded" },
    title: "Events arriving in API version 2020-03-02",
    lines: [
      "charge.succeeded (evt_v) came in 2020-03-02, not 2026-10-28.endive: each such event costs a fetch from Stripe.",
      "Set the endpoint up again on the Events page: it moves to a new endpoint in the app's version and deletes the old one once the new one delivers.",
    ],
    href: "/events",
  },
];

describe("alert rules raised by their own code", () => {
  it.each(RAISED_ELSEWHERE.map((row) => [row.rule, row] as const))("%s", (_rule, row) => {
    const rule = ALERT_RULES[row.rule];
    expect(rule.title(row.facts, NEW_YORK)).toBe(row.title);
    expect(rule.lines(row.facts, NEW_YORK)).toEqual(row.lines);
    expect(rule.href(row.facts)).toBe(row.href);
    // No event raises them: a delivery's own type is not what they are about.
    expect("eventType" in rule).toBe(false);
  });
});

describe("alert rules", () => {
  it.each(TABLE.map((row) => [row.event.type, row.event.id, row] as const))("%s (%s)", (_type, _id, row) => {
    const drafts = draftsForEvent(row.event);
    if (row.rule === null) {
      expect(drafts).toEqual([]);
      return;
    }
    expect(drafts).toHaveLength(1);
    const draft = drafts[0]!;
    expect(draft.rule).toBe(row.rule);
    expect(draft.sourceKey).toBe(`event:${row.event.id}`);
    const rule = ALERT_RULES[row.rule];
    if (row.title) expect(rule.title(draft.facts, NEW_YORK)).toBe(row.title);
    if (row.lines) expect(rule.lines(draft.facts, NEW_YORK)).toEqual(row.lines);
    if (row.href) expect(rule.href(draft.facts)).toBe(row.href);
    if (row.facts) expect(draft.facts).toEqual(row.facts);
  });

  it("gives the due-by in the reader's own time zone and number format", () => {
    const [draft] = draftsForEvent(TABLE[0]!.event);
    const lines = ALERT_RULES["dispute.opened"].lines(draft!.facts, BERLIN);
    expect(lines[0]).toMatch(/^Amount: 123,45\s\$$/);
    expect(lines[2]).toBe("Evidence due by: 10. Dez. 2026, 16:00 MEZ");
  });

  it("knows its own rule ids only", () => {
    expect(isAlertRuleId("dispute.opened")).toBe(true);
    expect(isAlertRuleId("toString")).toBe(false);
    expect(isAlertRuleId("dispute.nope")).toBe(false);
  });
});

// Who gets what by default: inbox for everyone a rule is for, email by permission.
const DISPUTE_MAIL: AlertRuleId[] = ["dispute.opened", "dispute.evidence_due", "dispute.closed"];
const REFUND_MAIL: AlertRuleId[] = ["early_fraud_warning", "refund.failed"];
const WEBHOOK_RULES: AlertRuleId[] = ["webhooks.deliveries_failing", "webhooks.endpoint_disabled", "webhooks.other_api_version"];
const DEFAULT_EMAIL: Record<StaffRole, AlertRuleId[]> = {
  administrator: [...ALERT_RULE_IDS],
  developer: WEBHOOK_RULES,
  analyst: [],
  support_specialist: [],
  refund_analyst: REFUND_MAIL,
  dispute_analyst: DISPUTE_MAIL,
  view_only: [],
};

describe("default delivery per role", () => {
  it.each(STAFF_ROLES.flatMap((role) => ALERT_RULE_IDS.map((id) => [role, id] as const)))("%s · %s", (role, id) => {
    const delivery = defaultAlertDelivery([role], id);
    expect(delivery.email).toBe(DEFAULT_EMAIL[role]!.includes(id));
    const forDevelopers = WEBHOOK_RULES.includes(id);
    expect(delivery.inbox).toBe(role === "administrator" || (forDevelopers ? role === "developer" : !id.startsWith("staff.")));
  });

  it("gives a person with several roles what each of them gets (a former agent: disputes, fraud warnings and refunds)", () => {
    const former = ["support_specialist", "refund_analyst", "dispute_analyst"] as const;
    expect(ALERT_RULE_IDS.filter((id) => defaultAlertDelivery(former, id).email).sort()).toEqual([...DISPUTE_MAIL, ...REFUND_MAIL].sort());
  });
});
