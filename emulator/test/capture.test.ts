import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, stripeError, type TestEmulator } from "./helpers";

// API 2025-03-31.basil and later (the emulator speaks 2026-10-28.endive): releasing an authorisation,
// in part by a partial capture or in full by a cancellation, is not a refund (README, fidelity table).

let emu: TestEmulator;
let stripe: Stripe;
beforeAll(async () => {
  emu = await startTestEmulator();
  stripe = emu.stripe;
});
afterAll(() => emu.close());

async function authorise(amount: number): Promise<Stripe.PaymentIntent> {
  return stripe.paymentIntents.create({ amount, currency: "usd", payment_method: "pm_card_visa", capture_method: "manual", confirm: true });
}

async function eventsAbout(objectIds: string[], since: number): Promise<string[]> {
  const events = await stripe.events.list({ limit: 100, created: { gte: since } });
  return events.data
    .filter((e) => objectIds.includes(String((e.data.object as { id?: string }).id)) || objectIds.includes(String((e.data.object as { charge?: string }).charge)))
    .map((e) => e.type)
    .reverse();
}

describe("a partial capture", () => {
  it("creates no refund for the released part, leaves amount_refunded at 0 and writes one balance transaction", async () => {
    const pi = await authorise(10_000);
    const chargeId = String(pi.latest_charge);
    const since = (await stripe.charges.retrieve(chargeId)).created;
    await stripe.paymentIntents.capture(pi.id, { amount_to_capture: 4000 });

    const charge = await stripe.charges.retrieve(chargeId);
    expect(charge).toMatchObject({ captured: true, amount: 10_000, amount_captured: 4000, amount_refunded: 0, refunded: false });
    expect((await stripe.refunds.list({ payment_intent: pi.id })).data).toEqual([]);
    expect((await stripe.refunds.list({ charge: chargeId })).data).toEqual([]);
    const transactions = (await stripe.balanceTransactions.list({ source: chargeId })).data;
    expect(transactions.map((t) => [t.type, t.amount])).toEqual([["charge", 4000]]);
    const types = await eventsAbout([pi.id, chargeId], since);
    expect(types).toContain("charge.captured");
    expect(types).not.toContain("charge.refunded");
    expect(types).not.toContain("refund.created");
  });

  it("leaves the captured amount refundable, and no more", async () => {
    const pi = await authorise(10_000);
    await stripe.paymentIntents.capture(pi.id, { amount_to_capture: 4000 });
    const tooMuch = await stripeError(() => stripe.refunds.create({ payment_intent: pi.id, amount: 4001 }));
    expect(tooMuch.code).toBe("amount_too_large");
    expect(tooMuch.message).toBe("Refund amount ($40.01) is greater than unrefunded amount on charge ($40.00)");
    await stripe.refunds.create({ payment_intent: pi.id, amount: 1000 });
    expect(await stripe.charges.retrieve(String(pi.latest_charge))).toMatchObject({ amount_refunded: 1000, refunded: false });
    const rest = await stripe.refunds.create({ payment_intent: pi.id });
    expect(rest.amount).toBe(3000);
    expect(await stripe.charges.retrieve(String(pi.latest_charge))).toMatchObject({ amount_refunded: 4000, refunded: true });
    const again = await stripeError(() => stripe.refunds.create({ payment_intent: pi.id, amount: 1 }));
    expect(again.code).toBe("charge_already_refunded");
  });
});

describe("cancelling an authorisation", () => {
  it("releases it without a refund: amount_refunded 0, refunded false, amount_captured 0, no charge.refunded", async () => {
    const pi = await authorise(5000);
    const chargeId = String(pi.latest_charge);
    const since = (await stripe.charges.retrieve(chargeId)).created;
    const canceled = await stripe.paymentIntents.cancel(pi.id);
    expect(canceled).toMatchObject({ status: "canceled", amount_capturable: 0, amount_received: 0 });

    const charge = await stripe.charges.retrieve(chargeId);
    expect(charge).toMatchObject({ captured: false, amount_captured: 0, amount_refunded: 0, refunded: false, balance_transaction: null });
    expect((await stripe.refunds.list({ charge: chargeId })).data).toEqual([]);
    expect((await stripe.balanceTransactions.list({ source: chargeId })).data).toEqual([]);
    const types = await eventsAbout([pi.id, chargeId], since);
    expect(types).toContain("payment_intent.canceled");
    expect(types).not.toContain("charge.refunded");
    expect(types).not.toContain("charge.refund.updated");
    const refused = await stripeError(() => stripe.refunds.create({ charge: chargeId }));
    expect(refused.type).toBe("StripeInvalidRequestError");
  });
});
