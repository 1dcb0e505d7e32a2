import type Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { API_VERSION } from "../core/world";
import { startTestEmulator, stripeError, type TestEmulator } from "./helpers";

// Balance transactions are in a settlement currency, with exchange_rate when converted, and an
// asynchronously captured charge gets its balance transaction later (README, fidelity table).

let emu: TestEmulator;
let stripe: Stripe;
beforeAll(async () => {
  // Asynchronous capture is the behaviour of versions from 2024-04-10 on: an account opened today.
  emu = await startTestEmulator({ accountApiVersion: API_VERSION });
  stripe = emu.stripe;
});
afterAll(() => emu.close());
beforeEach(async () => {
  await emu.control("POST", "/_emulator/reset");
});

async function account(params: Record<string, string | number | boolean | number[]>) {
  const res = await emu.control("POST", "/_emulator/account", params);
  expect(res.status).toBe(200);
  return res.body;
}

async function pay(amount: number, currency: string, extra: Partial<Stripe.PaymentIntentCreateParams> = {}) {
  return stripe.paymentIntents.create({ amount, currency, payment_method: "pm_card_visa", confirm: true, capture_method: "automatic", ...extra });
}

async function balanceTransactionOf(chargeId: string): Promise<Stripe.BalanceTransaction> {
  const charge = await stripe.charges.retrieve(chargeId, { expand: ["balance_transaction"] });
  return charge.balance_transaction as Stripe.BalanceTransaction;
}

describe("settlement currency", () => {
  it("converts a charge in a currency the account does not settle in into its default currency, fee and net included", async () => {
    const pi = await pay(10_000, "eur");
    const charge = await stripe.charges.retrieve(String(pi.latest_charge));
    expect(charge).toMatchObject({ amount: 10_000, currency: "eur" });
    const txn = await balanceTransactionOf(charge.id);
    // 100.00 EUR × 1.08 = 108.00 USD; 2.9 % + 30¢ of that, in USD.
    expect(txn).toMatchObject({ amount: 10_800, currency: "usd", exchange_rate: 1.08, fee: 343, net: 10_457, type: "charge" });
    expect(txn.fee_details).toEqual([expect.objectContaining({ amount: 343, currency: "usd", type: "stripe_fee" })]);
    const balance = await stripe.balance.retrieve();
    expect(balance.pending.map((b) => b.currency)).toEqual(["usd"]);
  });

  it("keeps a charge in a currency the account settles in, without an exchange rate", async () => {
    expect(await account({ "settlement_currencies[0]": "eur" })).toMatchObject({ default_currency: "usd", settlement_currencies: ["eur", "usd"] });
    const pi = await pay(10_000, "eur");
    expect(await balanceTransactionOf(String(pi.latest_charge))).toMatchObject({ amount: 10_000, currency: "eur", exchange_rate: null, fee: 320, net: 9680 });
  });

  it("converts into whichever default currency the account has", async () => {
    await account({ default_currency: "gbp" });
    const pi = await pay(5000, "jpy");
    // ¥5,000 × (0.0067 / 1.27) = £26.38.
    expect(await balanceTransactionOf(String(pi.latest_charge))).toMatchObject({ amount: 2638, currency: "gbp", exchange_rate: 0.00527559 });
  });

  it("converts refunds and dispute withdrawals too, charging the dispute fee in the settlement currency", async () => {
    const pi = await pay(10_000, "eur");
    const refund = await stripe.refunds.create({ payment_intent: pi.id, amount: 2500, expand: ["balance_transaction"] });
    expect(refund).toMatchObject({ amount: 2500, currency: "eur" });
    expect(refund.balance_transaction).toMatchObject({ amount: -2700, currency: "usd", exchange_rate: 1.08, fee: 0, net: -2700, type: "refund" });

    const disputed = await pay(10_000, "eur", { payment_method: "pm_card_createDispute" });
    const dispute = (await stripe.disputes.list({ charge: String(disputed.latest_charge) })).data[0]!;
    expect(dispute).toMatchObject({ amount: 10_000, currency: "eur" });
    expect(dispute.balance_transactions).toEqual([expect.objectContaining({ amount: -10_800, currency: "usd", exchange_rate: 1.08, fee: 1500, net: -12_300 })]);
  });

  it("refuses a currency it cannot convert, as Stripe refuses one it does not support", async () => {
    const error = await stripeError(() => pay(1000, "xyz"));
    expect(error).toMatchObject({ statusCode: 400, param: "currency" });
    expect(error.message).toMatch(/^Invalid currency: xyz\./);
    expect((await emu.control("POST", "/_emulator/account", { default_currency: "xyz" })).status).toBe(400);
  });
});

describe("asynchronous capture", () => {
  it("confirms a payment without its balance transaction, then attaches it with charge.updated", async () => {
    const since = (await emu.control("GET", "/_emulator/clock")).body.now as number;
    await account({ balance_transaction_delay_seconds: 30 });
    const pi = await stripe.paymentIntents.create({ amount: 2000, currency: "usd", payment_method: "pm_card_visa", confirm: true, expand: ["latest_charge.balance_transaction"] });
    expect(pi).toMatchObject({ capture_method: "automatic_async", status: "succeeded" });
    const charge = pi.latest_charge as Stripe.Charge;
    expect(charge).toMatchObject({ captured: true, amount_captured: 2000, balance_transaction: null });
    expect((await stripe.balanceTransactions.list({ source: charge.id })).data).toEqual([]);

    const events = async () => (await stripe.events.list({ created: { gte: since }, limit: 100 })).data.reverse();
    const before = await events();
    for (const type of ["charge.succeeded", "payment_intent.succeeded"]) {
      const event = before.find((e) => e.type === type)!;
      const object = event.data.object as { latest_charge?: string; balance_transaction?: unknown };
      expect(type === "charge.succeeded" ? object.balance_transaction : (await stripe.charges.retrieve(String(object.latest_charge))).balance_transaction).toBeNull();
    }
    expect(before.some((e) => e.type === "charge.updated")).toBe(false);

    await emu.advance(29);
    expect((await stripe.charges.retrieve(charge.id)).balance_transaction).toBeNull();
    await emu.advance(1);
    const txn = await balanceTransactionOf(charge.id);
    expect(txn).toMatchObject({ amount: 2000, fee: 88, net: 1912, source: charge.id, type: "charge" });
    const updated = (await events()).filter((e) => e.type === "charge.updated");
    expect(updated).toHaveLength(1);
    expect(updated[0]!.data.previous_attributes).toEqual({ balance_transaction: null });
    expect((updated[0]!.data.object as Stripe.Charge).balance_transaction).toBe(txn.id);
  });

  it("writes the balance transaction at once for capture_method=automatic and for a manual capture, and for a refund", async () => {
    const pi = await pay(2000, "usd");
    expect((await stripe.charges.retrieve(String(pi.latest_charge))).balance_transaction).toMatch(/^txn_/);
    const manual = await stripe.paymentIntents.create({ amount: 3000, currency: "usd", payment_method: "pm_card_visa", confirm: true, capture_method: "manual" });
    await stripe.paymentIntents.capture(manual.id);
    expect((await stripe.charges.retrieve(String(manual.latest_charge))).balance_transaction).toMatch(/^txn_/);
    const refund = await stripe.refunds.create({ payment_intent: pi.id });
    expect(refund.balance_transaction).toMatch(/^txn_/);
  });
});
