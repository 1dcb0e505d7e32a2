import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUBLISHABLE_KEY, startTestEmulator, stripeError, type TestEmulator } from "./helpers";

let emu: TestEmulator;
let stripe: Stripe;
beforeAll(async () => {
  emu = await startTestEmulator();
  stripe = emu.stripe;
});
afterAll(() => emu.close());

async function authenticate(intent: { id: string; client_secret: string | null }, result: "approve" | "fail") {
  return emu.control("POST", `/_emulator/three_d_secure/${intent.id}`, { client_secret: String(intent.client_secret), result }, PUBLISHABLE_KEY);
}

async function setUpCard(card: string, result: "approve" | "fail" = "approve") {
  const customer = await stripe.customers.create();
  const si = await stripe.setupIntents.create({ customer: customer.id, payment_method: card, confirm: true });
  return { customer, si, done: si.status === "requires_action" ? await authenticate(si, result) : null };
}

describe("SetupIntents", () => {
  it("saves a plain card at once and attaches it to the customer", async () => {
    const { customer, si } = await setUpCard("pm_card_visa");
    expect(si.status).toBe("succeeded");
    const pm = await stripe.paymentMethods.retrieve(String(si.payment_method));
    expect(pm.customer).toBe(customer.id);
    const types = (await stripe.events.list({ limit: 10 })).data.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["setup_intent.succeeded", "payment_method.attached", "setup_intent.created"]));
  });

  it("asks 4000002500003155 for 3-D Secure through Stripe.js, then charges it off-session", async () => {
    const { customer, si, done } = await setUpCard("pm_card_authenticationRequiredOnSetup");
    expect(si.status).toBe("requires_action");
    expect(si.next_action?.type).toBe("use_stripe_sdk");
    expect(si.next_action?.use_stripe_sdk).toMatchObject({ type: "three_d_secure_redirect", stripe_js: `${emu.url}/stripejs/3ds?intent=${si.id}` });
    expect(done?.body.status).toBe("succeeded");
    const pmId = String(done?.body.payment_method);
    const pi = await stripe.paymentIntents.create({ amount: 4200, currency: "usd", customer: customer.id, payment_method: pmId, confirm: true, off_session: true });
    expect(pi.status).toBe("succeeded");
  });

  it("fails setup when the customer fails authentication", async () => {
    const { si, done } = await setUpCard("pm_card_authenticationRequired", "fail");
    expect(done?.body.status).toBe("requires_payment_method");
    expect(done?.body.last_setup_error.code).toBe("setup_intent_authentication_failure");
    const again = await stripe.setupIntents.retrieve(si.id);
    expect(again.status).toBe("requires_payment_method");
    const failed = await stripe.events.list({ type: "setup_intent.setup_failed", limit: 1 });
    expect(failed.data[0]?.data.object).toMatchObject({ id: si.id });
  });

  it("declines a decline card at setup with the SetupIntent in the error", async () => {
    const customer = await stripe.customers.create();
    const err = await stripeError(() => stripe.setupIntents.create({ customer: customer.id, payment_method: "pm_card_chargeDeclined", confirm: true }));
    expect(err.code).toBe("card_declined");
    expect((err.raw as { setup_intent?: { status: string } }).setup_intent?.status).toBe("requires_payment_method");
  });

  it("lets Stripe.js read and confirm with the publishable key only with the right client secret", async () => {
    const customer = await stripe.customers.create();
    const si = await stripe.setupIntents.create({ customer: customer.id });
    const wrong = await emu.control("GET", `/v1/setup_intents/${si.id}`, { client_secret: "nope" }, PUBLISHABLE_KEY);
    expect(wrong.status).toBe(404);
    const read = await emu.control("GET", `/v1/setup_intents/${si.id}`, { client_secret: String(si.client_secret) }, PUBLISHABLE_KEY);
    expect(read.body.id).toBe(si.id);
    const pm = await emu.control("POST", "/v1/payment_methods", { type: "card", "card[number]": "4242424242424242", "card[exp_month]": 4, "card[exp_year]": 2031, "card[cvc]": "314" }, PUBLISHABLE_KEY);
    const confirmed = await emu.control("POST", `/v1/setup_intents/${si.id}/confirm`, { client_secret: String(si.client_secret), payment_method: pm.body.id }, PUBLISHABLE_KEY);
    expect(confirmed.body.status).toBe("succeeded");
    const listAttempt = await emu.control("GET", "/v1/customers", {}, PUBLISHABLE_KEY);
    expect(listAttempt.status).toBe(403);
  });

  it("cancels", async () => {
    const si = await stripe.setupIntents.create({});
    const canceled = await stripe.setupIntents.cancel(si.id, { cancellation_reason: "abandoned" });
    expect(canceled.status).toBe("canceled");
    const err = await stripeError(() => stripe.setupIntents.cancel(si.id));
    expect(err.code).toBe("setup_intent_unexpected_state");
  });
});

describe("PaymentIntents needing authentication", () => {
  it("fails off-session with 402 authentication_required carrying the PaymentIntent", async () => {
    const customer = await stripe.customers.create();
    const pm = await stripe.paymentMethods.attach("pm_card_authenticationRequired", { customer: customer.id });
    const err = (await stripeError(() =>
      stripe.paymentIntents.create({ amount: 3000, currency: "usd", customer: customer.id, payment_method: pm.id, confirm: true, off_session: true }),
    )) as Stripe.errors.StripeCardError;
    expect(err.statusCode).toBe(402);
    expect(err.code).toBe("authentication_required");
    const pi = err.payment_intent as Stripe.PaymentIntent;
    expect(pi.status).toBe("requires_payment_method");
    expect(pi.last_payment_error?.code).toBe("authentication_required");
    expect(pi.last_payment_error?.payment_method?.id).toBe(pm.id);
    expect((err.payment_method as Stripe.PaymentMethod).id).toBe(pm.id);

    // The customer comes back on-session and authenticates.
    const onSession = await stripe.paymentIntents.confirm(pi.id, { payment_method: pm.id });
    expect(onSession.status).toBe("requires_action");
    const done = await authenticate(onSession, "approve");
    expect(done.body.status).toBe("succeeded");
    const charge = await stripe.charges.retrieve(String(done.body.latest_charge));
    expect(charge.payment_method_details?.card?.three_d_secure?.result).toBe("authenticated");
  });

  it("4000002500003155 off-session before any setup needs authentication", async () => {
    const customer = await stripe.customers.create();
    const pm = await stripe.paymentMethods.attach("pm_card_authenticationRequiredOnSetup", { customer: customer.id });
    const err = await stripeError(() =>
      stripe.paymentIntents.create({ amount: 3000, currency: "usd", customer: customer.id, payment_method: pm.id, confirm: true, off_session: true }),
    );
    expect(err.code).toBe("authentication_required");
  });

  it("failed authentication leaves requires_payment_method with payment_intent_authentication_failure", async () => {
    const pi = await stripe.paymentIntents.create({ amount: 3000, currency: "usd", payment_method: "pm_card_authenticationRequired", confirm: true });
    expect(pi.status).toBe("requires_action");
    const done = await authenticate(pi, "fail");
    expect(done.body.status).toBe("requires_payment_method");
    expect(done.body.last_payment_error.code).toBe("payment_intent_authentication_failure");
    const types = (await stripe.events.list({ limit: 5 })).data.map((e) => e.type);
    expect(types[0]).toBe("payment_intent.payment_failed");
    expect(types).toContain("payment_intent.requires_action");
  });

  it("the 3-D Secure control refuses a wrong client secret", async () => {
    const pi = await stripe.paymentIntents.create({ amount: 3000, currency: "usd", payment_method: "pm_card_authenticationRequired", confirm: true });
    const res = await emu.control("POST", `/_emulator/three_d_secure/${pi.id}`, { client_secret: "pi_x_secret_y", result: "approve" }, PUBLISHABLE_KEY);
    expect(res.status).toBe(404);
  });
});

describe("PaymentIntent lifecycle", () => {
  it("creates, updates, confirms, lists by customer and refuses to cancel a succeeded one", async () => {
    const customer = await stripe.customers.create();
    const pi = await stripe.paymentIntents.create({ amount: 1000, currency: "usd", customer: customer.id, metadata: { order: "7" } });
    expect(pi.status).toBe("requires_payment_method");
    expect(pi.client_secret).toMatch(new RegExp(`^${pi.id}_secret_`));
    const updated = await stripe.paymentIntents.update(pi.id, { amount: 1200, payment_method: "pm_card_visa" });
    expect(updated).toMatchObject({ amount: 1200, status: "requires_confirmation" });
    const confirmed = await stripe.paymentIntents.confirm(pi.id);
    expect(confirmed.status).toBe("succeeded");
    const list = await stripe.paymentIntents.list({ customer: customer.id });
    expect(list.data.map((x) => x.id)).toEqual([pi.id]);
    const err = await stripeError(() => stripe.paymentIntents.cancel(pi.id));
    expect(err.code).toBe("payment_intent_unexpected_state");
  });

  it("cancels an unpaid one and rejects amounts below the minimum", async () => {
    const pi = await stripe.paymentIntents.create({ amount: 1000, currency: "usd" });
    expect((await stripe.paymentIntents.cancel(pi.id, { cancellation_reason: "requested_by_customer" })).status).toBe("canceled");
    const err = await stripeError(() => stripe.paymentIntents.create({ amount: 10, currency: "usd" }));
    expect(err.code).toBe("amount_too_small");
    expect(err.param).toBe("amount");
    const jpy = await stripe.paymentIntents.create({ amount: 500, currency: "jpy", payment_method: "pm_card_visa", confirm: true });
    expect(jpy.status).toBe("succeeded");
  });
});

describe("manual capture", () => {
  it("authorises, then captures part and releases the rest", async () => {
    const pi = await stripe.paymentIntents.create({ amount: 5000, currency: "usd", payment_method: "pm_card_visa", capture_method: "manual", confirm: true });
    expect(pi).toMatchObject({ status: "requires_capture", amount_capturable: 5000, amount_received: 0 });
    const authorised = await stripe.charges.retrieve(String(pi.latest_charge));
    expect(authorised).toMatchObject({ captured: false, balance_transaction: null, paid: true });
    const captured = await stripe.paymentIntents.capture(pi.id, { amount_to_capture: 3000 });
    expect(captured).toMatchObject({ status: "succeeded", amount_received: 3000, amount_capturable: 0 });
    const charge = await stripe.charges.retrieve(String(pi.latest_charge), { expand: ["balance_transaction"] });
    expect(charge).toMatchObject({ captured: true, amount_captured: 3000, amount_refunded: 0, refunded: false });
    expect((charge.balance_transaction as Stripe.BalanceTransaction).amount).toBe(3000);
    const again = await stripeError(() => stripe.paymentIntents.capture(pi.id));
    expect(again.code).toBe("payment_intent_unexpected_state");
  });

  it("canceling an authorisation releases it", async () => {
    const pi = await stripe.paymentIntents.create({ amount: 5000, currency: "usd", payment_method: "pm_card_visa", capture_method: "manual", confirm: true });
    const canceled = await stripe.paymentIntents.cancel(pi.id);
    expect(canceled.status).toBe("canceled");
    expect(await stripe.charges.retrieve(String(pi.latest_charge))).toMatchObject({ refunded: false, amount_refunded: 0, amount_captured: 0 });
  });
});
