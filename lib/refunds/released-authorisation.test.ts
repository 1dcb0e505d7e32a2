import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { dailyActivity } from "@/lib/overview/activity";
import { paymentCsvLine } from "@/lib/queries/payments-csv";
import { listPayments, paymentFiltersSchema, type PaymentRow } from "@/lib/queries/payments";
import { paymentBadges } from "@/lib/queries/payment-status";
import { useTestDatabase } from "@/tests/support/db";
import type { StripeEventEnvelope } from "@/lib/webhooks/event";
import { recordStripeEvent } from "@/lib/webhooks/record";
import type { StripeObject } from "@/lib/webhooks/stripe-object";
import { T0, exampleObject, stripeEvent } from "@/tests/support/webhooks/events";
import { refundSituation } from "./refundable";

// Releasing an authorisation (a partial capture's uncaptured rest, a cancellation) is never a refund,
// whichever API version Stripe rendered the event in. Before 2025-03-31.basil Stripe made a Refund for
// the released part and counted it in the charge's amount_refunded; from basil it does neither.

useTestDatabase();

const OLD = "2024-06-20";
const PINNED = "2026-10-28.endive";

function event(type: string, created: number, object: Record<string, unknown>, apiVersion: string): StripeEventEnvelope {
  return { ...stripeEvent(type, created, object), api_version: apiVersion };
}

const intent = (id: string, charge: string, fields: Record<string, unknown>) =>
  exampleObject("payment_intent", { id, created: T0, currency: "usd", customer: null, latest_charge: charge, last_payment_error: null, capture_method: "manual", ...fields });
const charge = (id: string, pi: string, fields: Record<string, unknown>) =>
  exampleObject("charge", {
    id, created: T0, currency: "usd", customer: null, payment_intent: pi, status: "succeeded", paid: true, disputed: false,
    balance_transaction: null, refunds: undefined, amount_refunded: 0, refunded: false, ...fields,
  });
const refund = (id: string, ch: string, pi: string, amount: number, created: number, balanceTransaction: string | null = null) =>
  exampleObject("refund", { id, amount, charge: ch, payment_intent: pi, currency: "usd", status: "succeeded", created, reason: null, balance_transaction: balanceTransaction });

// The balance transactions Stripe wrote, fetched when an event names one. Before basil a partial
// capture wrote one for the whole authorisation and the release Refund's one for its rest.
const TRANSACTIONS = new Map<string, StripeObject>(
  ([
    ["txn_oldpartial", "charge", 10_000, "ch_oldpartial", T0 + 60],
    ["txn_old_release", "refund", -6000, "re_old_release", T0 + 60],
    ["txn_old_real", "refund", -1000, "re_old_real", T0 + 3600],
    ["txn_newpartial", "charge", 6000, "ch_newpartial", T0 + 60],
    ["txn_new_real", "refund", -4000, "re_new_real", T0 + 600],
  ] as const).map(([id, type, amount, source, created]) => [
    id,
    exampleObject("balance_transaction", { id, type, reporting_category: type, amount, fee: 0, net: amount, currency: "usd", source, created, available_on: created, exchange_rate: null }),
  ]),
);

/**
 * Delivers in order. Stripe's copy of an object (fetched for a tie of one second, and for every
 * event in an older version, which is never read from its own snapshot) is its last snapshot here:
 * whether Stripe's pinned-version copy of a charge released before basil still counts the release
 * in amount_refunded is UNCONFIRMED, so it is taken to, the harder case.
 */
async function deliver(events: StripeEventEnvelope[]): Promise<void> {
  const latest = new Map(events.map((e) => [String(e.data.object.id), e.data.object as StripeObject]));
  const fetchCurrentObject = async (_type: string, id: string) => latest.get(id) ?? Promise.reject(new Error(`no ${id}`));
  const listChargeRefunds = async (chargeId: string) => [...latest.values()].filter((o) => o.object === "refund" && o.charge === chargeId);
  const fetchBalanceTransaction = async (id: string) => TRANSACTIONS.get(id) ?? Promise.reject(new Error(`no ${id}`));
  for (const e of events) {
    const outcome = await recordStripeEvent(e, "webhook", { fetchCurrentObject, fetchBalanceTransaction, listChargeRefunds });
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: "processed" });
  }
}

async function row(id: string): Promise<PaymentRow> {
  const page = await listPayments(paymentFiltersSchema.parse({ q: id }), { timeZone: "UTC", limit: 10 });
  const found = page.rows[0];
  if (!found) throw new Error(`${id} is not listed`);
  return found;
}

async function listedUnder(status: string): Promise<string[]> {
  return (await listPayments(paymentFiltersSchema.parse({ status }), { timeZone: "UTC", limit: 100 })).rows.map((r) => r.id);
}

describe("an authorisation of 100.00 captured for 40.00, in an API version before basil", () => {
  const pi = "pi_oldpartial", ch = "ch_oldpartial";
  const captured = { captured: true, amount: 10_000, amount_captured: 4000 };

  it("is a succeeded payment with 40.00 left to refund, not a refunded one", async () => {
    await deliver([
      event("payment_intent.amount_capturable_updated", T0, intent(pi, ch, { amount: 10_000, amount_capturable: 10_000, amount_received: 0, status: "requires_capture" }), OLD),
      event("charge.succeeded", T0, charge(ch, pi, { amount: 10_000, amount_captured: 0, captured: false }), OLD),
      // The capture: Stripe made a Refund for the released 60.00 and counted it in amount_refunded.
      event("charge.captured", T0 + 60, charge(ch, pi, { ...captured, amount_refunded: 6000, balance_transaction: "txn_oldpartial" }), OLD),
      event("charge.refunded", T0 + 60, charge(ch, pi, { ...captured, amount_refunded: 6000, balance_transaction: "txn_oldpartial" }), OLD),
      event("refund.created", T0 + 60, refund("re_old_release", ch, pi, 6000, T0 + 60, "txn_old_release"), OLD),
      event("payment_intent.succeeded", T0 + 60, intent(pi, ch, { amount: 10_000, amount_capturable: 0, amount_received: 4000, status: "succeeded" }), OLD),
    ]);
    expect(await db().charge.findUniqueOrThrow({ where: { id: ch } })).toMatchObject({ amountRefunded: 0n, refunded: false });
    const payment = await row(pi);
    expect(payment.amountRefunded).toBe(0n);
    expect(paymentBadges(payment)).toEqual(["succeeded"]);
    expect(await refundSituation(pi)).toMatchObject({ captured: 4000n, refunded: 0n, remaining: 4000n, blockedBecause: null });
    expect(await listedUnder("refunded")).not.toContain(pi);
    expect(await listedUnder("partially_refunded")).not.toContain(pi);
    expect(paymentCsvLine(payment, "UTC").split(",")[4]).toBe("0.00");
  });

  it("counts a real refund made afterwards, and only that", async () => {
    await deliver([
      event("refund.created", T0 + 3600, refund("re_old_real", ch, pi, 1000, T0 + 3600, "txn_old_real"), OLD),
      event("charge.refunded", T0 + 3600, charge(ch, pi, { ...captured, amount_refunded: 7000, balance_transaction: "txn_oldpartial" }), OLD),
    ]);
    const payment = await row(pi);
    expect(payment.amountRefunded).toBe(1000n);
    expect(paymentBadges(payment)).toEqual(["partially_refunded"]);
    expect(await refundSituation(pi)).toMatchObject({ refunded: 1000n, remaining: 3000n });
    expect(await listedUnder("partially_refunded")).toContain(pi);
  });
});

describe("a cancelled authorisation of 50.00, in an API version before basil", () => {
  const pi = "pi_oldcancel", ch = "ch_oldcancel";

  it("is cancelled, with nothing refunded", async () => {
    await deliver([
      event("payment_intent.amount_capturable_updated", T0, intent(pi, ch, { amount: 5000, amount_capturable: 5000, amount_received: 0, status: "requires_capture" }), OLD),
      event("charge.succeeded", T0, charge(ch, pi, { amount: 5000, amount_captured: 0, captured: false }), OLD),
      event("payment_intent.canceled", T0 + 30, intent(pi, ch, { amount: 5000, amount_capturable: 0, amount_received: 0, status: "canceled", cancellation_reason: "requested_by_customer" }), OLD),
      event("charge.refunded", T0 + 30, charge(ch, pi, { amount: 5000, amount_captured: null, captured: false, amount_refunded: 5000, refunded: true }), OLD),
      event("refund.created", T0 + 30, refund("re_old_cancel", ch, pi, 5000, T0 + 30), OLD),
    ]);
    expect(await db().charge.findUniqueOrThrow({ where: { id: ch } })).toMatchObject({ amountRefunded: 0n, refunded: false });
    const payment = await row(pi);
    expect(payment.amountRefunded).toBe(0n);
    expect(paymentBadges(payment)).toEqual(["canceled"]);
    expect(paymentCsvLine(payment, "UTC").split(",")[4]).toBe("0.00");
    expect(await listedUnder("refunded")).not.toContain(pi);
    expect(await refundSituation(pi)).toMatchObject({ remaining: 0n, blockedBecause: "Only a successful payment can be refunded." });
  });
});

describe("in the pinned API version", () => {
  it("counts a refund for exactly the released amount, made after a partial capture, as a refund", async () => {
    const pi = "pi_newpartial", ch = "ch_newpartial";
    const captured = { captured: true, amount: 10_000, amount_captured: 6000 };
    await deliver([
      event("charge.succeeded", T0, charge(ch, pi, { amount: 10_000, amount_captured: 0, captured: false }), PINNED),
      event("charge.captured", T0 + 60, charge(ch, pi, { ...captured, balance_transaction: "txn_newpartial" }), PINNED),
      event("payment_intent.succeeded", T0 + 60, intent(pi, ch, { amount: 10_000, amount_capturable: 0, amount_received: 6000, status: "succeeded" }), PINNED),
      event("refund.created", T0 + 600, refund("re_new_real", ch, pi, 4000, T0 + 600, "txn_new_real"), PINNED),
      event("charge.refunded", T0 + 600, charge(ch, pi, { ...captured, amount_refunded: 4000, balance_transaction: "txn_newpartial" }), PINNED),
    ]);
    const payment = await row(pi);
    expect(payment.amountRefunded).toBe(4000n);
    expect(paymentBadges(payment)).toEqual(["partially_refunded"]);
    expect(await refundSituation(pi)).toMatchObject({ captured: 6000n, refunded: 4000n, remaining: 2000n });
  });
});

describe("the overview's activity", () => {
  it("counts what was captured as gross and only real refunds as refunds", async () => {
    const series = await dailyActivity({ timeZone: "UTC", days: 2, now: new Date((T0 + 7200) * 1000) });
    // 40.00 + 60.00 captured (the old version's 100.00 transaction less its 60.00 release); the
    // cancelled 50.00 was never taken. Refunds: 10.00 + 40.00.
    expect(series.totals.usd).toMatchObject({ gross: 10_000n, refunds: 5000n });
  });
});
