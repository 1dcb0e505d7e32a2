import type { Page } from "@playwright/test";
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callInPage, challenge, fillCard, openCheckout as openCheckoutIn, payWith, PUBLISHABLE_KEY, resultOf, startStandInHarness, type StandInHarness } from "./test-support/harness";

// The stand-in end to end, saving cards: a merchant page on its own origin loads Stripe.js from
// the emulator, the customer types a card in Chromium, and the outcome is checked through the SDK.
let h: StandInHarness;
let stripe: Stripe;

beforeAll(async () => {
  h = await startStandInHarness({ withReact: true });
  stripe = h.stripe;
});

afterAll(async () => {
  await h?.close();
});

function openCheckout(query: Record<string, string>): Promise<Page> {
  return openCheckoutIn(h, query);
}

async function newSetupIntent(): Promise<{ customer: string; setupIntent: Stripe.SetupIntent }> {
  const customer = await stripe.customers.create({ email: "customer@example.com" });
  const setupIntent = await stripe.setupIntents.create({ customer: customer.id, usage: "off_session" });
  return { customer: customer.id, setupIntent };
}

describe("confirmSetup", () => {
  it("saves a 4242 card: the SetupIntent succeeds and the card is attached to the customer", async () => {
    const { customer, setupIntent } = await newSetupIntent();
    const page = await openCheckout({ cs: setupIntent.client_secret ?? "" });
    await payWith(page, "4242 4242 4242 4242");
    const result = await resultOf(page);
    expect(result.error).toBeUndefined();
    expect(result.setupIntent).toMatchObject({ id: setupIntent.id, status: "succeeded" });

    const stored = await stripe.setupIntents.retrieve(setupIntent.id);
    expect(stored.status).toBe("succeeded");
    const cards = await stripe.customers.listPaymentMethods(customer, { type: "card" });
    expect(cards.data).toHaveLength(1);
    expect(cards.data[0]?.id).toBe(stored.payment_method);
    expect(cards.data[0]?.card).toMatchObject({ last4: "4242", brand: "visa", exp_month: 12, exp_year: 2034 });
    expect(cards.data[0]?.billing_details.address).toMatchObject({ country: "US", postal_code: "94103" });
    await page.close();
  });

  it("shows the 3-D Secure challenge and succeeds when the customer completes it", async () => {
    const { customer, setupIntent } = await newSetupIntent();
    const page = await openCheckout({ cs: setupIntent.client_secret ?? "" });
    await payWith(page, "4000002760003184");
    await challenge(page).getByRole("button", { name: "Complete authentication" }).click();
    const result = await resultOf(page);
    expect(result.setupIntent).toMatchObject({ id: setupIntent.id, status: "succeeded" });
    await expect(page.locator("[data-stripe-3ds-overlay]").count()).resolves.toBe(0);
    expect((await stripe.setupIntents.retrieve(setupIntent.id)).status).toBe("succeeded");
    expect((await stripe.customers.listPaymentMethods(customer)).data).toHaveLength(1);
    await page.close();
  });

  it("resolves with Stripe's authentication error when the customer fails the challenge", async () => {
    const { customer, setupIntent } = await newSetupIntent();
    const page = await openCheckout({ cs: setupIntent.client_secret ?? "" });
    await payWith(page, "4000002500003155");
    await challenge(page).getByRole("button", { name: "Fail authentication" }).click();
    const result = await resultOf(page);
    expect(result.setupIntent).toBeUndefined();
    expect(result.error).toMatchObject({
      type: "invalid_request_error",
      code: "setup_intent_authentication_failure",
      setup_intent: { id: setupIntent.id, status: "requires_payment_method" },
    });
    expect((await stripe.setupIntents.retrieve(setupIntent.id)).status).toBe("requires_payment_method");
    expect((await stripe.customers.listPaymentMethods(customer)).data).toHaveLength(0);
    await page.close();
  });

  it("resolves a declined card as Stripe's card error carrying the SetupIntent", async () => {
    const { setupIntent } = await newSetupIntent();
    const page = await openCheckout({ cs: setupIntent.client_secret ?? "" });
    await payWith(page, "4000000000000002");
    const result = await resultOf(page);
    expect(result.error).toMatchObject({ type: "card_error", code: "card_declined", decline_code: "generic_decline", setup_intent: { id: setupIntent.id } });
    await page.close();
  });

  it("does not call the API while the fields are invalid", async () => {
    const { setupIntent } = await newSetupIntent();
    const page = await openCheckout({ cs: setupIntent.client_secret ?? "" });
    await page.getByLabel("Card number").fill("4242 4242 4242");
    await page.getByRole("button", { name: "Save card" }).click();
    const result = await resultOf(page);
    expect(result.error).toMatchObject({ type: "validation_error", code: "incomplete_number" });
    await expect(page.getByText("Your card number is incomplete.", { exact: true }).isVisible()).resolves.toBe(true);
    const stored = await stripe.setupIntents.retrieve(setupIntent.id);
    expect(stored.status).toBe("requires_payment_method");
    expect(stored.payment_method).toBeNull();
    await page.close();
  });

  it("reports a wrong client secret as a load error", async () => {
    const page = await openCheckout({ cs: "seti_doesnotexist_secret_nope" });
    const events = await page.evaluate(() => (window as unknown as { events: Array<{ type: string; event: { error?: { type: string } } }> }).events);
    expect(events.find((e) => e.type === "loaderror")?.event.error?.type).toBe("invalid_request_error");
    await page.close();
  });
});

describe("confirmSetup with redirect 'always' and createPaymentMethod", () => {
  it("goes to return_url with the SetupIntent's parameters once 3-D Secure is approved", async () => {
    const { setupIntent } = await newSetupIntent();
    const page = await openCheckout({ cs: setupIntent.client_secret ?? "", redirect: "always", return: `${h.site.url}/done` });
    await payWith(page, "4000002500003155");
    await challenge(page).getByRole("button", { name: "Complete authentication" }).click();
    await page.waitForURL(/\/done\?/);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({
      setup_intent: setupIntent.id,
      setup_intent_client_secret: setupIntent.client_secret,
      redirect_status: "succeeded",
    });
    expect((await stripe.setupIntents.retrieve(setupIntent.id)).status).toBe("succeeded");
    await page.close();
  });

  it("creates a card PaymentMethod from the Payment Element", async () => {
    const { setupIntent } = await newSetupIntent();
    const page = await openCheckout({ cs: setupIntent.client_secret ?? "" });
    await fillCard(page, "5555555555554444");
    await callInPage(page, "createPaymentMethod", [{ elements: "$elements" }]);
    const result = await resultOf(page);
    expect(result.paymentMethod).toMatchObject({ type: "card", card: { last4: "4444" } });
    const stored = await stripe.paymentMethods.retrieve(result.paymentMethod?.id ?? "");
    expect(stored.card?.brand).toBe("mastercard");
    await page.close();
  });
});

describe("with @stripe/react-stripe-js", () => {
  it("saves a card through loadStripe, <Elements> and <PaymentElement> under StrictMode", async () => {
    const { customer, setupIntent } = await newSetupIntent();
    const page = await h.browser.newPage();
    const complaints: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "warning" || message.type() === "error") complaints.push(message.text());
    });
    page.on("pageerror", (error) => complaints.push(error.message));
    await page.goto(`${h.site.url}/react-checkout?${new URLSearchParams({ pk: PUBLISHABLE_KEY, cs: setupIntent.client_secret ?? "" }).toString()}`);
    await page.waitForFunction(() => document.querySelector("button")?.disabled === false);
    // StrictMode mounts, destroys and mounts again: exactly one Payment Element must remain.
    await expect(page.locator("[data-stripe-element]").count()).resolves.toBe(1);
    await payWith(page, "4242424242424242");
    await page.getByText("Saved: succeeded").waitFor();
    expect((await stripe.setupIntents.retrieve(setupIntent.id)).status).toBe("succeeded");
    expect((await stripe.customers.listPaymentMethods(customer)).data).toHaveLength(1);
    expect(complaints.filter((text) => /stripe/i.test(text))).toEqual([]);
    await page.close();
  });
});
