import type { Browser, Page } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, startMerchantSite, type PageServer } from "./test-support/browser";

// The Payment Element on its own (deferred "setup" mode: no intent, so no API is needed).
let browser: Browser;
let site: PageServer;

beforeAll(async () => {
  browser = await launchChromium();
  site = await startMerchantSite({ serveStripeJs: true });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function openCheckout(): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${site.url}/checkout`);
  await page.waitForFunction(() => (window as unknown as { events: Array<{ type: string }> }).events.some((e) => e.type === "ready"));
  return page;
}

async function fillCard(page: Page, card: { number: string; expiry: string; cvc: string; zip?: string }): Promise<void> {
  await page.getByLabel("Card number").fill(card.number);
  await page.getByLabel("Expiration date (MM / YY)").fill(card.expiry);
  await page.getByLabel("Security code").fill(card.cvc);
  if (card.zip !== undefined) await page.getByLabel("ZIP").fill(card.zip);
}

function events(page: Page): Promise<Array<{ type: string; event: Record<string, unknown> }>> {
  return page.evaluate(() => (window as unknown as { events: Array<{ type: string; event: Record<string, unknown> }> }).events);
}

describe("Payment Element", () => {
  it("renders labelled card fields, formats input and reports completeness", async () => {
    const page = await openCheckout();
    await expect(page.getByLabel("Country").inputValue()).resolves.toBe("US");
    await fillCard(page, { number: "4242424242424242", expiry: "1234", cvc: "123" });
    await expect(page.getByLabel("Card number").inputValue()).resolves.toBe("4242 4242 4242 4242");
    await expect(page.getByLabel("Expiration date (MM / YY)").inputValue()).resolves.toBe("12 / 34");
    let changes = (await events(page)).filter((e) => e.type === "change");
    expect(changes.at(-1)?.event).toMatchObject({ elementType: "payment", complete: false, empty: false, value: { type: "card" } });
    await page.getByLabel("ZIP").fill("94103");
    changes = (await events(page)).filter((e) => e.type === "change");
    expect(changes.at(-1)?.event).toMatchObject({ complete: true, empty: false, collapsed: false });
    const submitted = await page.evaluate(() => (window as unknown as { elements: { submit(): Promise<unknown> } }).elements.submit());
    expect(submitted).toEqual({ selectedPaymentMethod: "card" });
    await page.close();
  });

  it("accepts test numbers typed with spaces", async () => {
    const page = await openCheckout();
    await fillCard(page, { number: "4000 0027 6000 3184", expiry: "12 / 34", cvc: "123", zip: "10001" });
    const submitted = await page.evaluate(() => (window as unknown as { elements: { submit(): Promise<unknown> } }).elements.submit());
    expect(submitted).toEqual({ selectedPaymentMethod: "card" });
    await page.close();
  });

  it("formats as the customer types key by key, and lets them delete through the separator", async () => {
    const page = await openCheckout();
    await page.getByLabel("Card number").pressSequentially("378282246310005");
    await expect(page.getByLabel("Card number").inputValue()).resolves.toBe("3782 822463 10005");
    const expiry = page.getByLabel("Expiration date (MM / YY)");
    await expiry.pressSequentially("12");
    await expect(expiry.inputValue()).resolves.toBe("12 / ");
    await expiry.press("Backspace");
    await expiry.press("Backspace");
    await expect(expiry.inputValue()).resolves.toBe("1");
    await expiry.pressSequentially("130");
    await expect(expiry.inputValue()).resolves.toBe("11 / 30");
    // An Amex security code has four digits.
    await page.getByLabel("Security code").pressSequentially("12345");
    await expect(page.getByLabel("Security code").inputValue()).resolves.toBe("1234");
    await page.close();
  });

  it("shows Stripe's messages for every empty field on submit", async () => {
    const page = await openCheckout();
    const submitted = await page.evaluate(() => (window as unknown as { elements: { submit(): Promise<unknown> } }).elements.submit());
    expect(submitted).toEqual({ error: { type: "validation_error", code: "incomplete_number", message: "Your card number is incomplete.", param: "number" } });
    for (const message of ["Your card number is incomplete.", "Your card's expiration date is incomplete.", "Your card's security code is incomplete.", "Your ZIP is incomplete."]) {
      await expect(page.getByText(message).isVisible(), message).resolves.toBe(true);
    }
    await expect(page.getByLabel("Card number").getAttribute("aria-invalid")).resolves.toBe("true");
    await page.close();
  });

  it("flags a number failing the Luhn check and a past expiry as soon as they are typed", async () => {
    const page = await openCheckout();
    await page.getByLabel("Card number").fill("4242424242424241");
    await expect(page.getByText("Your card number is invalid.").isVisible()).resolves.toBe(true);
    await page.getByLabel("Expiration date (MM / YY)").fill("01 / 20");
    await expect(page.getByText("Your card's expiration year is in the past.").isVisible()).resolves.toBe(true);
    await page.getByLabel("Card number").fill("4242424242424242");
    await expect(page.getByText("Your card number is invalid.").count()).resolves.toBe(0);
    await page.close();
  });

  it("reports an incomplete field once the customer leaves it", async () => {
    const page = await openCheckout();
    await page.getByLabel("Card number").fill("4242 4242");
    await expect(page.getByText("Your card number is incomplete.").count()).resolves.toBe(0);
    await page.getByLabel("Security code").focus();
    await expect(page.getByText("Your card number is incomplete.").isVisible()).resolves.toBe(true);
    await page.close();
  });

  it("asks for a postal code only where Stripe does", async () => {
    const page = await openCheckout();
    await page.getByLabel("Country").selectOption("GB");
    await expect(page.getByLabel("Postal code").isVisible()).resolves.toBe(true);
    await page.getByLabel("Country").selectOption("JP");
    await expect(page.getByLabel("Postal code").isVisible()).resolves.toBe(false);
    await fillCard(page, { number: "4242424242424242", expiry: "1234", cvc: "123" });
    const submitted = await page.evaluate(() => (window as unknown as { elements: { submit(): Promise<unknown> } }).elements.submit());
    expect(submitted).toEqual({ selectedPaymentMethod: "card" });
    await page.close();
  });

  it("submits the merchant's form on Enter and emits focus and blur", async () => {
    const page = await openCheckout();
    await page.getByLabel("Card number").fill("4242");
    await page.getByLabel("Card number").press("Enter");
    await expect(page.evaluate(() => (window as unknown as { submissions: number }).submissions)).resolves.toBe(1);
    await page.mouse.click(5, 500);
    await page.waitForFunction(() => (window as unknown as { events: Array<{ type: string }> }).events.some((e) => e.type === "blur"));
    const types = (await events(page)).map((e) => e.type);
    expect(types).toContain("focus");
    await page.close();
  });

  it("can be destroyed and a new one mounted in the same container, as React's strict mode does", async () => {
    const page = await openCheckout();
    const fieldCount = await page.evaluate(() => {
      const w = window as unknown as { elements: { getElement(t: string): { destroy(): void } | null; create(t: string): { mount(s: string): void } } };
      w.elements.getElement("payment")?.destroy();
      const afterDestroy = w.elements.getElement("payment");
      w.elements.create("payment").mount("#payment-element");
      return { afterDestroy, hosts: document.querySelectorAll("#payment-element [data-stripe-element]").length };
    });
    expect(fieldCount).toEqual({ afterDestroy: null, hosts: 1 });
    await expect(page.getByLabel("Card number").count()).resolves.toBe(1);
    const second = await page.evaluate(() => {
      try {
        (window as unknown as { elements: { create(t: string): unknown } }).elements.create("payment");
        return "created";
      } catch (error) {
        return (error as Error).message;
      }
    });
    expect(second).toBe("Can only create one Element of type payment.");
    await page.close();
  });
});
