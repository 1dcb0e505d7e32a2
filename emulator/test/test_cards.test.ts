import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LooseJson, PUBLISHABLE_KEY, startTestEmulator, stripeError, type TestEmulator } from "./helpers";

let emu: TestEmulator;
let stripe: Stripe;
beforeAll(async () => {
  emu = await startTestEmulator();
  stripe = emu.stripe;
});
afterAll(() => emu.close());

const declines: Array<[token: string, number: string, code: string, declineCode: string]> = [
  ["pm_card_chargeDeclined", "4000000000000002", "card_declined", "generic_decline"],
  ["pm_card_visa_chargeDeclined", "4000000000000002", "card_declined", "generic_decline"],
  ["pm_card_chargeDeclinedInsufficientFunds", "4000000000009995", "card_declined", "insufficient_funds"],
  ["pm_card_visa_chargeDeclinedLostCard", "4000000000009987", "card_declined", "lost_card"],
  ["pm_card_visa_chargeDeclinedStolenCard", "4000000000009979", "card_declined", "stolen_card"],
  ["pm_card_chargeDeclinedExpiredCard", "4000000000000069", "expired_card", "expired_card"],
  ["pm_card_chargeDeclinedIncorrectCvc", "4000000000000127", "incorrect_cvc", "incorrect_cvc"],
  ["pm_card_chargeDeclinedProcessingError", "4000000000000119", "processing_error", "processing_error"],
];

async function rawCard(number: string, cvc = "123"): Promise<{ status: number; body: LooseJson }> {
  return emu.control("POST", "/v1/payment_methods", { type: "card", "card[number]": number, "card[exp_month]": 12, "card[exp_year]": 2034, "card[cvc]": cvc }, PUBLISHABLE_KEY);
}

describe("decline cards", () => {
  it.each(declines)("%s declines with %s / %s, leaving the PaymentIntent in requires_payment_method", async (token, _number, code, declineCode) => {
    const err = (await stripeError(() =>
      stripe.paymentIntents.create({ amount: 1500, currency: "usd", payment_method: token, confirm: true }),
    )) as Stripe.errors.StripeCardError;
    expect(err.type).toBe("StripeCardError");
    expect(err.statusCode).toBe(402);
    expect(err.code).toBe(code);
    expect(err.decline_code).toBe(declineCode);
    const pi = err.payment_intent as Stripe.PaymentIntent;
    expect(pi.status).toBe("requires_payment_method");
    expect(pi.last_payment_error?.decline_code).toBe(declineCode);
    const charge = await stripe.charges.retrieve(String((err.raw as { charge: string }).charge));
    expect(charge.status).toBe("failed");
    expect(charge.failure_code).toBe(code);
    expect(charge.outcome?.type).toBe("issuer_declined");
  });

  it.each(declines)("%s cannot be attached to a customer", async (token) => {
    const customer = await stripe.customers.create();
    const err = await stripeError(() => stripe.paymentMethods.attach(token, { customer: customer.id }));
    expect(err.type).toBe("StripeCardError");
  });

  it.each(declines)("raw number for %s (%s) behaves the same through the publishable key", async (_token, number, code) => {
    const pm = await rawCard(number);
    expect(pm.status).toBe(200);
    const err = await stripeError(() => stripe.paymentIntents.create({ amount: 1500, currency: "usd", payment_method: pm.body.id, confirm: true }));
    expect(err.code).toBe(code);
  });

  it("incorrect CVC declines only when a CVC was sent", async () => {
    const res = await emu.control("POST", "/v1/payment_methods", { type: "card", "card[number]": "4000000000000127", "card[exp_month]": 12, "card[exp_year]": 2034 }, PUBLISHABLE_KEY);
    const pi = await stripe.paymentIntents.create({ amount: 1500, currency: "usd", payment_method: res.body.id, confirm: true });
    expect(pi.status).toBe("succeeded");
  });

  it("4000000000000341 attaches but every charge fails", async () => {
    const customer = await stripe.customers.create();
    const pm = await stripe.paymentMethods.attach("pm_card_chargeCustomerFail", { customer: customer.id });
    expect(pm.customer).toBe(customer.id);
    const err = await stripeError(() =>
      stripe.paymentIntents.create({ amount: 1500, currency: "usd", customer: customer.id, payment_method: pm.id, confirm: true, off_session: true }),
    );
    expect(err.code).toBe("card_declined");
  });

  it("4100000000000019 is blocked by Radar", async () => {
    const err = await stripeError(() => stripe.paymentIntents.create({ amount: 1500, currency: "usd", payment_method: "pm_card_radarBlock", confirm: true }));
    const charge = await stripe.charges.retrieve(String((err.raw as { charge: string }).charge));
    expect(charge.outcome?.type).toBe("blocked");
    expect((err as Stripe.errors.StripeCardError).decline_code).toBe("fraudulent");
  });
});

describe("raw card validation", () => {
  it("rejects a number failing the Luhn check, a past expiry and a bad CVC as card errors", async () => {
    expect((await rawCard("4242424242424241")).body.error).toMatchObject({ type: "card_error", code: "incorrect_number", param: "card[number]" });
    const expired = await emu.control("POST", "/v1/payment_methods", { type: "card", "card[number]": "4242424242424242", "card[exp_month]": 1, "card[exp_year]": 2020 }, PUBLISHABLE_KEY);
    expect(expired.body.error.code).toBe("invalid_expiry_year");
    expect((await rawCard("4242424242424242", "1")).body.error.code).toBe("invalid_cvc");
  });

  it("accepts spaces and reports brand, last4 and funding", async () => {
    const pm = await rawCard("5555 5555 5555 4444");
    expect(pm.body.card).toMatchObject({ brand: "mastercard", last4: "4444", funding: "credit", exp_month: 12, exp_year: 2034 });
    const amex = await rawCard("378282246310005", "1234");
    expect(amex.body.card.brand).toBe("amex");
  });
});

describe("success and special cards", () => {
  it.each(["pm_card_visa", "pm_card_mastercard", "pm_card_amex", "tok_visa"])("%s charges successfully", async (token) => {
    const pi = await stripe.paymentIntents.create({ amount: 1500, currency: "usd", payment_method: token, confirm: true });
    expect(pi.status).toBe("succeeded");
    expect(pi.amount_received).toBe(1500);
  });

  it("4000003800000446 charges off-session without authentication", async () => {
    const customer = await stripe.customers.create();
    const pm = await stripe.paymentMethods.attach("pm_card_authenticationRequiredSetupForOffSession", { customer: customer.id });
    const pi = await stripe.paymentIntents.create({ amount: 1500, currency: "usd", customer: customer.id, payment_method: pm.id, confirm: true, off_session: true });
    expect(pi.status).toBe("succeeded");
  });

  it("4000000000000077 puts funds straight into the available balance", async () => {
    const before = await stripe.balance.retrieve();
    const pi = await stripe.paymentIntents.create({ amount: 10_000, currency: "usd", payment_method: "pm_card_bypassPending", confirm: true, capture_method: "automatic", expand: ["latest_charge.balance_transaction"] });
    const txn = (pi.latest_charge as Stripe.Charge).balance_transaction as Stripe.BalanceTransaction;
    expect(txn.status).toBe("available");
    expect(txn.fee).toBe(320);
    const after = await stripe.balance.retrieve();
    const usd = (b: Stripe.Balance) => b.available.find((x) => x.currency === "usd")?.amount ?? 0;
    expect(usd(after) - usd(before)).toBe(10_000 - 320);
  });

  it("4000000000005423 raises an early fraud warning", async () => {
    const pi = await stripe.paymentIntents.create({ amount: 1500, currency: "usd", payment_method: "pm_card_createIssuerFraudRecord", confirm: true });
    const warnings = await stripe.radar.earlyFraudWarnings.list({ payment_intent: pi.id });
    expect(warnings.data).toHaveLength(1);
    expect(warnings.data[0]).toMatchObject({ actionable: true, charge: pi.latest_charge, object: "radar.early_fraud_warning" });
    await stripe.refunds.create({ payment_intent: pi.id });
    const after = await stripe.radar.earlyFraudWarnings.retrieve(warnings.data[0]!.id);
    expect(after.actionable).toBe(false);
  });
});

describe("card tokens", () => {
  it("a test token in create-and-confirm mints exactly one PaymentMethod", async () => {
    const count = async () => (await emu.control("GET", "/v1/payment_methods", { limit: 100 })).body.data.length as number;
    const before = await count();
    expect(before).toBeLessThan(99);
    const pi = await stripe.paymentIntents.create({ amount: 1500, currency: "usd", payment_method: "pm_card_visa", confirm: true });
    expect(await count()).toBe(before + 1);
    expect((await stripe.charges.retrieve(String(pi.latest_charge))).payment_method).toBe(pi.payment_method);
  });

  it("creates a token from raw card data with the publishable key, usable once", async () => {
    const res = await emu.control("POST", "/v1/tokens", { "card[number]": "4000000000009995", "card[exp_month]": 3, "card[exp_year]": 2033, "card[cvc]": "123", "card[name]": "Jenny" }, PUBLISHABLE_KEY);
    expect(res.body).toMatchObject({ object: "token", type: "card", used: false, card: { brand: "Visa", last4: "9995", name: "Jenny" } });
    const pm = await stripe.paymentMethods.create({ type: "card", card: { token: res.body.id } });
    expect(pm.card?.last4).toBe("9995");
    const err = await stripeError(() => stripe.paymentIntents.create({ amount: 1500, currency: "usd", payment_method: pm.id, confirm: true }));
    expect((err as Stripe.errors.StripeCardError).decline_code).toBe("insufficient_funds");
    const reuse = await stripeError(() => stripe.paymentMethods.create({ type: "card", card: { token: res.body.id } }));
    expect(reuse.message).toMatch(/more than once/);
    expect((await stripe.tokens.retrieve(res.body.id)).used).toBe(true);
  });
});
