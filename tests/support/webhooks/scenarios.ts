import type { StripeEventEnvelope } from "@/lib/webhooks/event";
import type { RecordDependencies } from "@/lib/webhooks/record";
import type { StripeObject } from "@/lib/webhooks/stripe-object";
import { T0, exampleObject, stripeEvent } from "./events";

/** Realistic event histories, in the order Stripe generated them. */
export interface Scenario {
  name: string;
  events: StripeEventEnvelope[];
  /** What Stripe would list for a paid payout, for the payout scenarios. */
  payoutBalanceTransactions?: Record<string, StripeObject[]>;
}

function card(last4: string) {
  return { brand: "visa", last4, exp_month: 12, exp_year: 2030, fingerprint: `fp_${last4}`, country: "US", funding: "credit" };
}

export function refundedTwiceThenDisputeWon(): Scenario {
  const cus = "cus_rtd1", pi = "pi_rtd1", ch = "ch_rtd1", pm = "pm_rtd1", dp = "du_rtd1";
  const customer = exampleObject("customer", { id: cus, email: "Ada@Example.com", name: "Ada Lovelace", created: T0 });
  const charge = (refunded: number, t: number) =>
    exampleObject("charge", {
      id: ch, created: T0 + 1, amount: 5000, amount_captured: 5000, amount_refunded: refunded, refunded: refunded === 5000,
      currency: "usd", customer: cus, payment_intent: pi, payment_method: pm, status: "succeeded", paid: true, captured: true,
      disputed: t >= T0 + 40, balance_transaction: "txn_rtd_charge", refunds: undefined,
      payment_method_details: { type: "card", card: card("4242") },
      billing_details: { email: null, name: "Ada Lovelace", address: null, phone: null },
    });
  const intent = exampleObject("payment_intent", {
    id: pi, created: T0 + 1, amount: 5000, amount_received: 5000, currency: "usd", customer: cus, payment_method: pm,
    latest_charge: ch, status: "succeeded", last_payment_error: null,
  });
  const refund = (id: string, amount: number, status: string, t: number, arn: string | null) =>
    exampleObject("refund", {
      id, amount, charge: ch, payment_intent: pi, currency: "usd", status, created: t, reason: "requested_by_customer",
      destination_details: { type: "card", card: { reference: arn, reference_status: arn ? "available" : "pending", reference_type: "acquirer_reference_number", type: "refund" } },
    });
  const withdrawal = exampleObject("balance_transaction", {
    id: "txn_rtd_dw", amount: -2500, fee: 1500, net: -4000, created: T0 + 40, available_on: T0 + 40, type: "adjustment",
    reporting_category: "dispute", source: dp, currency: "usd", status: "available",
  });
  const reinstatement = exampleObject("balance_transaction", {
    id: "txn_rtd_dr", amount: 2500, fee: 0, net: 2500, created: T0 + 90, available_on: T0 + 90, type: "adjustment",
    reporting_category: "dispute_reversal", source: dp, currency: "usd", status: "available",
  });
  const dispute = (status: string, bts: StripeObject[], submissions: number) =>
    exampleObject("dispute", {
      id: dp, amount: 2500, charge: ch, payment_intent: pi, currency: "usd", created: T0 + 40, reason: "fraudulent", status,
      is_charge_refundable: false, balance_transactions: bts,
      evidence_details: { due_by: T0 + 40 + 7 * 86400, has_evidence: submissions > 0, past_due: false, submission_count: submissions, enhanced_eligibility: {} },
    });
  return {
    name: "a charge refunded twice, then disputed and won",
    events: [
      stripeEvent("customer.created", T0, customer),
      stripeEvent("payment_intent.succeeded", T0 + 1, intent),
      stripeEvent("charge.succeeded", T0 + 2, charge(0, T0 + 2)),
      stripeEvent("refund.created", T0 + 10, refund("re_rtd1", 1000, "succeeded", T0 + 10, null)),
      stripeEvent("charge.refunded", T0 + 11, charge(1000, T0 + 11)),
      stripeEvent("refund.created", T0 + 20, refund("re_rtd2", 1500, "succeeded", T0 + 20, null)),
      stripeEvent("charge.refunded", T0 + 21, charge(2500, T0 + 21)),
      stripeEvent("charge.refund.updated", T0 + 30, refund("re_rtd1", 1000, "succeeded", T0 + 10, "ARN-0001")),
      stripeEvent("charge.dispute.created", T0 + 40, dispute("needs_response", [], 0)),
      stripeEvent("charge.dispute.funds_withdrawn", T0 + 41, dispute("needs_response", [withdrawal], 0)),
      stripeEvent("charge.dispute.updated", T0 + 50, dispute("under_review", [withdrawal], 1)),
      stripeEvent("charge.dispute.closed", T0 + 90, dispute("won", [withdrawal, reinstatement], 1)),
      stripeEvent("charge.dispute.funds_reinstated", T0 + 91, dispute("won", [withdrawal, reinstatement], 1)),
    ],
  };
}

export function payoutFailing(): Scenario {
  const po = "po_fail1";
  const payout = (status: string, extra: Record<string, unknown> = {}) =>
    exampleObject("payout", {
      id: po, amount: 12000, currency: "usd", created: T0, arrival_date: T0 + 2 * 86400, automatic: true, method: "standard",
      type: "bank_account", status, failure_code: null, failure_message: null, reconciliation_status: "in_progress",
      balance_transaction: "txn_po_fail1", failure_balance_transaction: null, destination: "ba_test", ...extra,
    });
  const bt = (id: string, amount: number) =>
    exampleObject("balance_transaction", {
      id, amount, fee: 0, net: amount, created: T0 - 100, available_on: T0, type: "charge", reporting_category: "charge",
      source: `ch_${id}`, currency: "usd", status: "available",
    });
  return {
    name: "a payout paid, then failing",
    payoutBalanceTransactions: { [po]: [bt("txn_po_a", 7000), bt("txn_po_b", 5000)] },
    events: [
      stripeEvent("payout.created", T0, payout("pending")),
      stripeEvent("payout.updated", T0 + 60, payout("in_transit")),
      stripeEvent("payout.paid", T0 + 120, payout("paid", { reconciliation_status: "completed" })),
      stripeEvent(
        "payout.failed",
        T0 + 180,
        payout("failed", {
          failure_code: "account_closed", failure_message: "The bank account has been closed.",
          failure_balance_transaction: "txn_po_fail1_reversal", reconciliation_status: "completed",
        }),
      ),
    ],
  };
}

export function cardSavedThenDetached(): Scenario {
  const cus = "cus_sd1", pm = "pm_sd1", seti = "seti_sd1";
  const customer = (defaultPm: string | null) =>
    exampleObject("customer", {
      id: cus, email: "grace@example.com", name: "Grace Hopper", created: T0,
      invoice_settings: { custom_fields: null, default_payment_method: defaultPm, footer: null, rendering_options: null },
    });
  const method = (customerId: string | null) =>
    exampleObject("payment_method", { id: pm, customer: customerId, created: T0 + 5, type: "card", card: card("3155") });
  return {
    name: "a card saved through a setup intent, then detached",
    events: [
      stripeEvent("customer.created", T0, customer(null)),
      stripeEvent("setup_intent.succeeded", T0 + 6, exampleObject("setup_intent", {
        id: seti, customer: cus, payment_method: pm, status: "succeeded", usage: "off_session", created: T0 + 5, last_setup_error: null,
      })),
      stripeEvent("payment_method.attached", T0 + 6, method(cus)),
      stripeEvent("customer.updated", T0 + 7, customer(pm)),
      stripeEvent("payment_method.detached", T0 + 60, method(null)),
      stripeEvent("customer.updated", T0 + 61, customer(null)),
    ],
  };
}

/** Stripe stamps events in whole seconds: several changes to one object can share one. */
export function changesWithinOneSecond(): Scenario {
  const pi = "pi_sec1", ch = "ch_sec1", t = T0 + 5;
  const intent = (status: string) =>
    exampleObject("payment_intent", { id: pi, created: T0, amount: 4000, currency: "usd", status, latest_charge: status === "succeeded" ? ch : null, last_payment_error: null });
  const charge = (refunded: number) =>
    exampleObject("charge", {
      id: ch, created: T0, amount: 4000, amount_captured: 4000, amount_refunded: refunded, refunded: false, currency: "usd",
      payment_intent: pi, status: "succeeded", paid: true, captured: true, disputed: false, refunds: undefined,
      payment_method_details: { type: "card", card: card("0077") },
    });
  const refund = (id: string, amount: number, arn: string | null) =>
    exampleObject("refund", {
      id, amount, charge: ch, payment_intent: pi, currency: "usd", status: "succeeded", created: t,
      destination_details: { type: "card", card: { reference: arn, reference_status: arn ? "available" : "pending", reference_type: "acquirer_reference_number", type: "refund" } },
    });
  return {
    name: "changes to one object within one second",
    events: [
      stripeEvent("payment_intent.requires_action", T0, intent("requires_action")),
      stripeEvent("payment_intent.succeeded", T0, intent("succeeded")),
      stripeEvent("charge.succeeded", T0, charge(0)),
      stripeEvent("refund.created", t, refund("re_sec_a", 1000, null)),
      stripeEvent("charge.refunded", t, charge(1000)),
      stripeEvent("refund.created", t, refund("re_sec_b", 1500, null)),
      stripeEvent("charge.refunded", t, charge(2500)),
      stripeEvent("charge.refund.updated", t, refund("re_sec_a", 1000, "ARN-SAME-SECOND")),
    ],
  };
}

export const SCENARIOS = [refundedTwiceThenDisputeWon, payoutFailing, cardSavedThenDetached, changesWithinOneSecond];

/** Stripe as a scenario leaves it: its payouts' lists, and each object as its last event shows it. */
export function scenarioDependencies(scenario: Scenario): RecordDependencies {
  return {
    fetchPayoutBalanceTransactions: async (payoutId) => scenario.payoutBalanceTransactions?.[payoutId] ?? [],
    // What Stripe holds once the scenario is over: the object of the last event that names it.
    fetchCurrentObject: async (_type, id) => {
      const latest = scenario.events.findLast((e) => (e.data.object as StripeObject).id === id);
      if (!latest) throw new Error(`No such object: ${id}`);
      return structuredClone(latest.data.object as StripeObject);
    },
  };
}

// A small seeded generator so a failing shuffle can be reproduced from the test name.
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The events in a seeded random order, some delivered twice, as Stripe may deliver them. */
export function shuffledWithDuplicates(events: StripeEventEnvelope[], seed: number): StripeEventEnvelope[] {
  const next = random(seed);
  const deliveries = events.flatMap((e) => (next() < 0.4 ? [e, e] : [e]));
  for (let i = deliveries.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
  }
  return deliveries;
}
