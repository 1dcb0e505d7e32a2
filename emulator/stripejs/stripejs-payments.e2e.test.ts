import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callInPage, challenge, openCheckout, payWith, resultOf, startStandInHarness, type StandInHarness } from "./test-support/harness";

// The stand-in end to end, paying: confirmPayment, handleNextAction and confirmCardPayment in
// Chromium against the emulator, checked through the official SDK.
let h: StandInHarness;
let stripe: Stripe;

beforeAll(async () => {
  h = await startStandInHarness();
  stripe = h.stripe;
});

afterAll(async () => {
  await h?.close();
});

describe("confirmPayment", () => {
  it("redirects to return_url with Stripe's query parameters after a payment", async () => {
    const intent = await stripe.paymentIntents.create({ amount: 2500, currency: "usd" });
    const page = await openCheckout(h, { cs: intent.client_secret ?? "", kind: "payment", redirect: "always", return: `${h.site.url}/done?order=42` });
    await payWith(page, "4242424242424242");
    await page.waitForURL(/\/done\?/);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({
      order: "42",
      payment_intent: intent.id,
      payment_intent_client_secret: intent.client_secret,
      redirect_status: "succeeded",
    });
    expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe("succeeded");
    await page.close();
  });

  it("resolves with Stripe's authentication error when 3-D Secure fails, without redirecting", async () => {
    const intent = await stripe.paymentIntents.create({ amount: 4200, currency: "usd" });
    const page = await openCheckout(h, { cs: intent.client_secret ?? "", kind: "payment", redirect: "always", return: `${h.site.url}/done` });
    await payWith(page, "4000002760003184");
    await challenge(page).getByRole("button", { name: "Fail authentication" }).click();
    const result = await resultOf(page);
    expect(result.error).toMatchObject({ code: "payment_intent_authentication_failure", payment_intent: { id: intent.id, status: "requires_payment_method" } });
    expect(new URL(page.url()).pathname).toBe("/checkout");
    expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe("requires_payment_method");
    await page.close();
  });

  it("treats closing the challenge as failed authentication, as Stripe's modal does", async () => {
    const intent = await stripe.paymentIntents.create({ amount: 4300, currency: "usd" });
    const page = await openCheckout(h, { cs: intent.client_secret ?? "", kind: "payment" });
    await payWith(page, "4000002760003184");
    await challenge(page).getByRole("button", { name: "Complete authentication" }).waitFor();
    await page.getByRole("button", { name: "Close" }).click();
    const result = await resultOf(page);
    expect(result.error).toMatchObject({ code: "payment_intent_authentication_failure", payment_intent: { id: intent.id } });
    await expect(page.locator("[data-stripe-3ds-overlay]").count()).resolves.toBe(0);
    expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe("requires_payment_method");
    await page.close();
  });

  it("resolves a decline with its decline code", async () => {
    const intent = await stripe.paymentIntents.create({ amount: 1000, currency: "usd" });
    const page = await openCheckout(h, { cs: intent.client_secret ?? "", kind: "payment" });
    await payWith(page, "4000000000009995");
    const result = await resultOf(page);
    expect(result.error).toMatchObject({ type: "card_error", code: "card_declined", decline_code: "insufficient_funds", payment_intent: { id: intent.id } });
    await page.close();
  });
});

describe("handleNextAction and confirmCardPayment", () => {
  it("completes 3-D Secure for a PaymentIntent the server left in requires_action", async () => {
    const customer = await stripe.customers.create({});
    const intent = await stripe.paymentIntents.create({
      amount: 1999,
      currency: "usd",
      customer: customer.id,
      payment_method: "pm_card_authenticationRequired",
      confirm: true,
    });
    expect(intent.status).toBe("requires_action");
    const page = await openCheckout(h, { cs: intent.client_secret ?? "", kind: "payment" });
    await callInPage(page, "handleNextAction", [{ clientSecret: intent.client_secret }]);
    await challenge(page).getByRole("button", { name: "Complete authentication" }).click();
    const result = await resultOf(page);
    expect(result.paymentIntent).toMatchObject({ id: intent.id, status: "succeeded" });
    expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe("succeeded");

    const retrieved = await page.evaluate(
      (clientSecret) => (window as unknown as { stripe: { retrievePaymentIntent(cs: string): Promise<unknown> } }).stripe.retrievePaymentIntent(clientSecret),
      intent.client_secret ?? "",
    );
    expect(retrieved).toMatchObject({ paymentIntent: { id: intent.id, status: "succeeded" } });
    await page.close();
  });

  it("lets the customer authenticate an off-session payment their bank refused, with confirmCardPayment", async () => {
    const customer = await stripe.customers.create({});
    const card = await stripe.paymentMethods.attach("pm_card_authenticationRequired", { customer: customer.id });
    const refused = await stripe.paymentIntents
      .create({ amount: 3100, currency: "usd", customer: customer.id, payment_method: card.id, off_session: true, confirm: true })
      .then(
        () => null,
        (error: { code?: string; payment_intent?: Stripe.PaymentIntent }) => error,
      );
    expect(refused?.code).toBe("authentication_required");
    const intent = refused?.payment_intent;
    if (!intent?.client_secret) throw new Error("the authentication_required error carries no PaymentIntent");
    const page = await openCheckout(h, { cs: intent.client_secret, kind: "payment" });
    await callInPage(page, "confirmCardPayment", [intent.client_secret, { payment_method: card.id }]);
    await challenge(page).getByRole("button", { name: "Complete authentication" }).click();
    const result = await resultOf(page);
    expect(result.paymentIntent).toMatchObject({ id: intent.id, status: "succeeded" });
    expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe("succeeded");
    await page.close();
  });

  it("refuses handleNextAction for an intent that needs no action", async () => {
    const intent = await stripe.paymentIntents.create({ amount: 500, currency: "usd" });
    const page = await openCheckout(h, { cs: intent.client_secret ?? "", kind: "payment" });
    await callInPage(page, "handleNextAction", [{ clientSecret: intent.client_secret }]);
    const result = await resultOf(page);
    expect(result.thrown).toMatch(/does not require actions/);
    await page.close();
  });

  it("confirms with a saved PaymentMethod through confirmCardPayment", async () => {
    const intent = await stripe.paymentIntents.create({ amount: 750, currency: "usd" });
    const page = await openCheckout(h, { cs: intent.client_secret ?? "", kind: "payment" });
    await callInPage(page, "confirmCardPayment", [intent.client_secret, { payment_method: "pm_card_visa" }]);
    const result = await resultOf(page);
    expect(result.paymentIntent).toMatchObject({ id: intent.id, status: "succeeded" });
    expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe("succeeded");
    await page.close();
  });
});
