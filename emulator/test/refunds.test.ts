import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_VERSION } from "../core/world";
import { REFUND_ARN_DELAY, REFUND_REVERSAL_WINDOW, REFUND_SETTLE_DELAY } from "../resources/refunds";
import { paidCustomerPayment, startTestEmulator, stripeError, type TestEmulator } from "./helpers";

let emu: TestEmulator;
let stripe: Stripe;
beforeAll(async () => {
  // An account on today's version: before 2024-10-28 Stripe sent no refund.* events for charges.
  emu = await startTestEmulator({ accountApiVersion: API_VERSION });
  stripe = emu.stripe;
});
afterAll(() => emu.close());

describe("refunds", () => {
  it("refunds partially several times, never above what is left, by payment intent or charge", async () => {
    const { pi, chargeId } = await paidCustomerPayment(stripe, "pm_card_visa", 2145);
    const first = await stripe.refunds.create({ payment_intent: pi.id, amount: 500, reason: "requested_by_customer", metadata: { ticket: "T-1" } });
    expect(first).toMatchObject({ status: "succeeded", amount: 500, charge: chargeId, payment_intent: pi.id, reason: "requested_by_customer" });
    await stripe.refunds.create({ charge: chargeId, amount: 145 });
    let charge = await stripe.charges.retrieve(chargeId);
    expect(charge).toMatchObject({ amount_refunded: 645, refunded: false });
    const tooMuch = await stripeError(() => stripe.refunds.create({ charge: chargeId, amount: 2500 }));
    expect(tooMuch.type).toBe("StripeInvalidRequestError");
    expect(tooMuch.code).toBe("amount_too_large");
    expect(tooMuch.param).toBe("amount");
    expect(tooMuch.message).toBe("Refund amount ($25.00) is greater than unrefunded amount on charge ($15.00)");
    const rest = await stripe.refunds.create({ charge: chargeId });
    expect(rest.amount).toBe(1500);
    charge = await stripe.charges.retrieve(chargeId, { expand: ["refunds"] });
    expect(charge).toMatchObject({ amount_refunded: 2145, refunded: true });
    expect(charge.refunds?.data.map((r) => r.amount)).toEqual([1500, 145, 500]);
    const again = await stripeError(() => stripe.refunds.create({ charge: chargeId, amount: 1 }));
    expect(again.code).toBe("charge_already_refunded");
    const listed = await stripe.refunds.list({ payment_intent: pi.id });
    expect(listed.data).toHaveLength(3);
    const refundedEvent = (await stripe.events.list({ type: "charge.refunded", limit: 1 })).data[0]!;
    expect(refundedEvent.data.object).toMatchObject({ id: chargeId, refunded: true });
    expect(refundedEvent.data.previous_attributes).toBeUndefined();
    const txn = await stripe.balanceTransactions.retrieve(String(first.balance_transaction));
    expect(txn).toMatchObject({ type: "refund", amount: -500, source: first.id });
  });

  it("settles a pending refund (4000000000007726) when the clock advances and then shows its ARN", async () => {
    const { chargeId } = await paidCustomerPayment(stripe, "pm_card_pendingRefund");
    const refund = await stripe.refunds.create({ charge: chargeId, amount: 700 });
    expect(refund.status).toBe("pending");
    expect(refund.destination_details?.card?.reference).toBeNull();
    await emu.advance(REFUND_SETTLE_DELAY + 1);
    expect((await stripe.refunds.retrieve(refund.id)).status).toBe("succeeded");
    await emu.advance(REFUND_ARN_DELAY);
    const withArn = await stripe.refunds.retrieve(refund.id);
    expect(withArn.destination_details?.card).toMatchObject({ reference_status: "available", reference_type: "acquirer_reference_number" });
    expect(withArn.destination_details?.card?.reference).toMatch(/^\d{23}$/);
    const updates = await stripe.events.list({ types: ["refund.updated", "charge.refund.updated"], limit: 10 });
    expect(updates.data.filter((e) => (e.data.object as { id: string }).id === refund.id).length).toBeGreaterThanOrEqual(4);
  });

  it("reverses a payment refunded before it settled: no ARN, then or ever; later refunds get one", async () => {
    const { chargeId } = await paidCustomerPayment(stripe, "pm_card_visa", 4000);
    const reversal = await stripe.refunds.create({ charge: chargeId, amount: 1000 });
    expect(reversal.status).toBe("succeeded");
    expect(reversal.destination_details).toEqual({ card: { reference: null, reference_status: "unavailable", reference_type: null, type: "reversal" }, type: "card" });
    // Past the window counted from the balance transaction, which asynchronous capture writes a few seconds after the charge.
    await emu.advance(REFUND_REVERSAL_WINDOW + 60);
    const refund = await stripe.refunds.create({ charge: chargeId, amount: 1000 });
    expect(refund.destination_details?.card).toMatchObject({ reference: null, reference_status: "pending", type: "refund" });
    await emu.advance(REFUND_ARN_DELAY + 1);
    expect((await stripe.refunds.retrieve(refund.id)).destination_details?.card).toMatchObject({ reference_status: "available", type: "refund" });
    expect((await stripe.refunds.retrieve(reversal.id)).destination_details?.card).toMatchObject({ reference: null, reference_status: "unavailable", type: "reversal" });
    const updates = await stripe.events.list({ types: ["refund.updated", "charge.refund.updated"], limit: 100 });
    expect(updates.data.filter((e) => (e.data.object as { id: string }).id === reversal.id)).toEqual([]);
  });

  it("fails a refund on 4000000000005126 after it succeeded, giving the amount back", async () => {
    const { chargeId } = await paidCustomerPayment(stripe, "pm_card_refundFail", 3000);
    const refund = await stripe.refunds.create({ charge: chargeId });
    expect(refund.status).toBe("succeeded");
    await emu.advance(REFUND_SETTLE_DELAY + 1);
    const failed = await stripe.refunds.retrieve(refund.id);
    expect(failed.status).toBe("failed");
    expect(failed.failure_reason).toBe("expired_or_canceled_card");
    const back = await stripe.balanceTransactions.retrieve(String(failed.failure_balance_transaction));
    expect(back).toMatchObject({ type: "refund_failure", amount: 3000 });
    const charge = await stripe.charges.retrieve(chargeId);
    expect(charge).toMatchObject({ amount_refunded: 0, refunded: false });
    const failedEvents = await stripe.events.list({ type: "refund.failed" });
    expect(failedEvents.data[0]?.data.object).toMatchObject({ id: refund.id, status: "failed" });
  });

  it("needs a charge or payment intent, and the test helper expires only refunds awaiting action", async () => {
    const none = await stripeError(() => stripe.refunds.create({}));
    expect(none.type).toBe("StripeInvalidRequestError");
    const { chargeId } = await paidCustomerPayment(stripe);
    const refund = await stripe.refunds.create({ charge: chargeId, amount: 100 });
    const expire = await stripeError(() => stripe.testHelpers.refunds.expire(refund.id));
    expect(expire.type).toBe("StripeInvalidRequestError");
    const cancel = await stripeError(() => stripe.refunds.cancel(refund.id));
    expect(cancel.type).toBe("StripeInvalidRequestError");
    const missing = await stripeError(() => stripe.refunds.retrieve("re_missing"));
    expect(missing.code).toBe("resource_missing");
  });
});

describe("refunds of authorisations", () => {
  it("refuses to refund an authorisation not yet captured (cancel it instead)", async () => {
    const pi = await stripe.paymentIntents.create({ amount: 5000, currency: "usd", payment_method: "pm_card_visa", capture_method: "manual", confirm: true });
    const uncaptured = await stripeError(() => stripe.refunds.create({ payment_intent: pi.id }));
    expect(uncaptured.type).toBe("StripeInvalidRequestError");
  });

  it("rejects three-decimal amounts whose last digit is not 0", async () => {
    const err = await stripeError(() => stripe.paymentIntents.create({ amount: 1_235, currency: "kwd" }));
    expect(err.param).toBe("amount");
    expect((await stripe.paymentIntents.create({ amount: 1_230, currency: "kwd" })).amount).toBe(1_230);
  });

  it("refunds three-decimal currencies only in tens of the minor unit, and ISK only in whole kronur", async () => {
    const kwd = await stripe.paymentIntents.create({ amount: 5_000, currency: "kwd", payment_method: "pm_card_visa", confirm: true });
    const odd = await stripeError(() => stripe.refunds.create({ payment_intent: kwd.id, amount: 1_235 }));
    expect([odd.param, odd.code]).toEqual(["amount", "invalid_amount"]);
    expect((await stripe.refunds.create({ payment_intent: kwd.id, amount: 1_230 })).amount).toBe(1_230);

    const fraction = await stripeError(() => stripe.paymentIntents.create({ amount: 10_050, currency: "isk", payment_method: "pm_card_visa", confirm: true }));
    expect([fraction.param, fraction.code]).toEqual(["amount", "invalid_charge_amount_no_decimal_compatible"]);
    const isk = await stripe.paymentIntents.create({ amount: 10_000, currency: "isk", payment_method: "pm_card_visa", confirm: true });
    const partKrona = await stripeError(() => stripe.refunds.create({ payment_intent: isk.id, amount: 150 }));
    expect(partKrona.code).toBe("invalid_charge_amount_no_decimal_compatible");
    expect((await stripe.refunds.create({ payment_intent: isk.id, amount: 200 })).amount).toBe(200);
  });
});
