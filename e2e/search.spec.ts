// Runs after auth.spec.ts (files run in name order), which expects a merchant with no payments yet:
// the payment made here is one.
//
// The one search in the shell: "/" or the header's Find button opens it, part of a customer's name or
// the start of a payment id finds them, and the keyboard alone opens the right page, on a desktop
// and on a phone.
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { emulatorStripe, signInAs } from "./helpers";
import { expectAccessible, expectNoSidewaysScroll, press } from "./layout-checks";

// A word no other spec's customer has, so the results are exactly the customers made here.
const word = `Quill${randomBytes(3).toString("hex")}`;
let older: { id: string; name: string };
let newer: { id: string; name: string };
let paymentId: string;

/** Waits until the webhooks have brought `id` into the search's answer for `q`. */
async function searchable(page: Page, q: string, id: string): Promise<void> {
  await expect
    .poll(async () => (await (await page.request.get(`/api/search?q=${encodeURIComponent(q)}`)).text()).includes(id), { timeout: 30_000 })
    .toBe(true);
}

function palette(page: Page) {
  return page.getByRole("dialog").filter({ has: page.getByRole("combobox") });
}

test.beforeAll(async () => {
  const stripe = emulatorStripe();
  const first = await stripe.customers.create({ name: `Ada ${word}`, email: `ada-${word.toLowerCase()}@example.com` });
  const second = await stripe.customers.create({ name: `Bea ${word}`, email: `bea-${word.toLowerCase()}@example.com` });
  older = { id: first.id, name: first.name! };
  newer = { id: second.id, name: second.name! };
  const intent = await stripe.paymentIntents.create({ amount: 3917, currency: "usd", customer: first.id, payment_method: "pm_card_visa", confirm: true, description: "Search order" });
  paymentId = intent.id;
});

test("'/' opens the search; part of a name, arrow down and Enter open that customer; a payment id's start finds the payment", async ({ page }) => {
  await signInAs(page, "viewer");
  await searchable(page, word.toLowerCase(), older.id);
  await searchable(page, paymentId.slice(0, 12), paymentId);

  await page.keyboard.press("/");
  const search = palette(page);
  await expect(search.getByRole("combobox")).toBeFocused();
  // Part of the name, in another case, finds both; the first is selected, arrow down picks the
  // second (the two were made in the same second, so which comes first is not fixed).
  await page.keyboard.type(word.slice(0, 7).toLowerCase());
  const options = search.getByRole("option");
  await expect(options).toHaveCount(2);
  await expect(search.getByText("Customers", { exact: true })).toBeVisible();
  await expect(options.nth(0)).toHaveAttribute("aria-selected", "true");
  const second = (await options.nth(1).textContent())!.includes(older.name) ? older : newer;
  await expect(options.nth(0)).toContainText(second === older ? newer.name : older.name);
  await page.keyboard.press("ArrowDown");
  await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/customers/${second.id}$`));
  await expect(search).toHaveCount(0);

  // Ctrl-K opens it too, from anywhere; the start of a payment id finds the payment.
  await page.keyboard.press("Control+k");
  await expect(search.getByRole("combobox")).toBeFocused();
  await page.keyboard.type(paymentId.slice(0, 12));
  await expect(search.getByRole("option")).toHaveCount(1);
  await expect(search.getByRole("option")).toContainText(paymentId);
  await expect(search.getByRole("option")).toContainText("$39.17");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/payments/${paymentId}$`));

  // "/" typed into a form field is text, not a shortcut.
  await page.goto("/customers");
  await page.getByRole("textbox").first().focus();
  await page.keyboard.press("/");
  await expect(search).toHaveCount(0);
});

test("text no search is made of is refused with a reason", async ({ page }) => {
  await signInAs(page, "viewer");
  const answer = await page.request.get(`/api/search?q=${encodeURIComponent("emma\tjones")}`);
  expect(answer.status()).toBe(400);
  expect(await answer.json()).toEqual({ error: "A search cannot contain control characters such as tabs or line breaks." });
  expect((await page.request.get(`/api/search?q=${"x".repeat(101)}`)).status()).toBe(400);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

  test("the header's search button opens it; a name finds the customer and a tap opens the page", async ({ page }) => {
    await signInAs(page, "viewer");
    await searchable(page, word.toLowerCase(), newer.id);
    await press(page.locator("header").getByRole("button", { name: "Find", exact: true }));
    const search = palette(page);
    await expect(search.getByRole("combobox")).toBeVisible();
    await search.getByRole("combobox").fill(`bea ${word.slice(0, 6)}`);
    const option = search.getByRole("option").filter({ hasText: newer.name });
    await expect(option).toHaveCount(1);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    await press(option);
    await expect(page).toHaveURL(new RegExp(`/customers/${newer.id}$`));
    await expectNoSidewaysScroll(page);
  });
});
