import type { Browser, Page } from "@playwright/test";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../server";
import { launchChromium, startMerchantSite, type PageServer } from "./test-support/browser";

// The stand-in end to end: a merchant page on its own origin loads Stripe.js from the emulator,
// the customer types a card in Chromium, and the outcome is checked through the official SDK.
const PUBLISHABLE_KEY = "pk_test_ledgerline";

let browser: Browser;
let emulator: { url: string; port: number; close(): Promise<void> };
let site: PageServer;
let stripe: Stripe;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, dataDir: null });
  stripe = new Stripe("sk_test_ledgerline", { host: "127.0.0.1", port: emulator.port, protocol: "http", maxNetworkRetries: 0 });
  site = await startMerchantSite({ scriptOrigin: emulator.url, withReact: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await emulator?.close();
});

type PageResult = {
  setupIntent?: { id: string; status: string; payment_method: string | null };
  paymentIntent?: { id: string; status: string };
  error?: { type: string; code?: string; decline_code?: string; message?: string; setup_intent?: { id: string; status: string }; payment_intent?: { id: string; status: string } };
  thrown?: string;
};

async function openCheckout(query: Record<string, string>): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${site.url}/checkout?${new URLSearchParams({ pk: PUBLISHABLE_KEY, ...query }).toString()}`);
  await page.waitForFunction(() => (window as unknown as { events: Array<{ type: string }> }).events.some((e) => e.type === "ready" || e.type === "loaderror"));
  return page;
}

async function payWith(page: Page, number: string): Promise<void> {
  await page.getByLabel("Card number").fill(number);
  await page.getByLabel("Expiration date (MM / YY)").fill("12 / 34");
  await page.getByLabel("Security code").fill("123");
  await page.getByLabel("ZIP").fill("94103");
  await page.getByRole("button", { name: "Save card" }).click();
}

async function resultOf(page: Page): Promise<PageResult> {
  const handle = await page.waitForFunction(() => (window as unknown as { result?: unknown }).result);
  return (await handle.jsonValue()) as PageResult;
}

function challenge(page: Page) {
  return page.frameLocator('iframe[name="stripe-challenge-frame"]');
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

describe("confirmPayment and handleNextAction", () => {
  it("redirects to return_url with Stripe's query parameters after a payment", async () => {
    const intent = await stripe.paymentIntents.create({ amount: 2500, currency: "usd" });
    const page = await openCheckout({ cs: intent.client_secret ?? "", kind: "payment", redirect: "always", return: `${site.url}/done?order=42` });
    await payWith(page, "4242424242424242");
    await page.waitForURL(/\/done\?/);
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({
      order: "42",
      payment_intent: intent.id,
      payment_intent_client_secret: intent.client_secret,
      redirect_status: "succeeded",
    });
    expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe("succeeded");
    await page.close();
  });

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
    const page = await openCheckout({ cs: intent.client_secret ?? "", kind: "payment" });
    await page.evaluate((clientSecret) => {
      const w = window as unknown as { stripe: { handleNextAction(o: object): Promise<unknown> }; result?: unknown };
      void w.stripe.handleNextAction({ clientSecret }).then((r) => (w.result = r));
    }, intent.client_secret ?? "");
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
});

describe("with @stripe/react-stripe-js", () => {
  it("saves a card through loadStripe, <Elements> and <PaymentElement> under StrictMode", async () => {
    const { customer, setupIntent } = await newSetupIntent();
    const page = await browser.newPage();
    const complaints: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "warning" || message.type() === "error") complaints.push(message.text());
    });
    page.on("pageerror", (error) => complaints.push(error.message));
    await page.goto(`${site.url}/react-checkout?${new URLSearchParams({ pk: PUBLISHABLE_KEY, cs: setupIntent.client_secret ?? "" }).toString()}`);
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
