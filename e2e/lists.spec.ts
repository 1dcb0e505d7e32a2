// Runs after auth.spec.ts (files run in name order), which expects a merchant with no payments yet,
// and after dispute-alerts.spec.ts, whose bell counts new disputes: this file makes payments,
// refunds and disputes.
//
// Lists: a date range and a filter on Refunds and Disputes, the count, and the CSV export holding
// the same rows. Then charge, refund and dispute evidence with the keyboard alone.
import { readFile } from "node:fs/promises";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { emulatorStripe, signInAs } from "./helpers";

test.describe.configure({ mode: "serial" });
test.use({ viewport: { width: 1440, height: 900 } });

const DAY = 86_400_000;
/** Today in any zone the merchant may have picked lies between yesterday and tomorrow in UTC. */
const FROM = new Date(Date.now() - DAY).toISOString().slice(0, 10);
const TO = new Date(Date.now() + DAY).toISOString().slice(0, 10);

async function paidPayment(amount: number, paymentMethod = "pm_card_visa") {
  return emulatorStripe().paymentIntents.create({ amount, currency: "usd", payment_method: paymentMethod, confirm: true, description: "Lists order" });
}

/** The ids in a CSV's first column, header left out. */
async function csvIds(page: Page, exportLink: Locator): Promise<string[]> {
  const [download] = await Promise.all([page.waitForEvent("download"), exportLink.click()]);
  const text = await readFile((await download.path())!, "utf8");
  const [header, ...lines] = text.trimEnd().split("\r\n");
  expect(header!.split(",")[0]).toBe("id");
  return lines.map((line) => line.split(",")[0]!);
}

async function setRange(page: Page): Promise<void> {
  await page.locator('input[name="from"]').fill(FROM);
  await page.locator('input[name="to"]').fill(TO);
}

test("refunds and disputes: a date range and a filter, the count, and a CSV of exactly those rows", async ({ page }) => {
  const stripe = emulatorStripe();
  const refunded = await Promise.all([paidPayment(2100), paidPayment(2200), paidPayment(2300)]);
  const refunds = await Promise.all(refunded.map((p) => stripe.refunds.create({ payment_intent: p.id, amount: 500 })));
  await Promise.all([paidPayment(3100, "pm_card_createDispute"), paidPayment(3200, "pm_card_createDispute")]);

  await signInAs(page, "admin");
  await page.goto("/refunds");
  await setRange(page);
  await page.locator('select[name="status"]').selectOption("succeeded");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`from=${FROM}.*to=${TO}.*status=succeeded|status=succeeded.*from=${FROM}`));
  // The refunds arrive by webhook.
  await expect(async () => {
    await page.reload();
    const shown = await page.getByTestId("refund-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-id")));
    expect(shown).toEqual(expect.arrayContaining(refunds.map((r) => r.id)));
  }).toPass({ timeout: 20_000 });
  const refundIds = await page.getByTestId("refund-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-id")!));
  expect(refundIds.length).toBeLessThanOrEqual(25);
  await expect(page.getByTestId("list-count")).toHaveText(`${refundIds.length} ${refundIds.length === 1 ? "refund" : "refunds"}`);
  expect(await csvIds(page, page.getByTestId("export-csv"))).toEqual(refundIds);

  await page.goto("/disputes");
  await setRange(page);
  await page.locator('select[name="reason"]').selectOption("fraudulent");
  await page.locator('select[name="sort"]').selectOption("smallest");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/reason=fraudulent/);
  await expect(page).toHaveURL(/sort=smallest/);
  await expect(async () => {
    await page.reload();
    expect(await page.getByTestId("dispute-row").count()).toBeGreaterThanOrEqual(2);
  }).toPass({ timeout: 20_000 });
  const disputeIds = await page.getByTestId("dispute-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-id")!));
  await expect(page.getByTestId("list-count")).toHaveText(`${disputeIds.length} disputes`);
  expect(await csvIds(page, page.getByTestId("export-csv"))).toEqual(disputeIds);
  // A link reproduces the view.
  const url = page.url();
  await page.goto("/disputes");
  await page.goto(url);
  expect(await page.getByTestId("dispute-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-id")!))).toEqual(disputeIds);
});

/** Presses Tab until `target` has the focus; fails if it never does (it cannot be reached by keyboard). */
async function tabTo(page: Page, target: Locator, limit = 150): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`could not reach ${target} with the Tab key`);
}

async function typeInto(page: Page, field: Locator, text: string): Promise<void> {
  await tabTo(page, field);
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(text);
}

async function press(page: Page, control: Locator, key: "Enter" | "Space" = "Enter"): Promise<void> {
  await tabTo(page, control);
  await page.keyboard.press(key);
}

test("charge a saved card, refund it and submit dispute evidence with the keyboard alone", async ({ page }) => {
  const stripe = emulatorStripe();
  const customer = await stripe.customers.create({ name: "Kim Keyboard", email: `kim-${Date.now()}@example.com` });
  await stripe.paymentMethods.attach("pm_card_visa", { customer: customer.id });

  await signInAs(page, "admin");
  await expect(async () => {
    await page.goto(`/customers/${customer.id}`);
    await expect(page.getByTestId("saved-cards")).toContainText("4242", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });

  // Charge.
  await typeInto(page, page.getByLabel("Amount"), "12.00");
  await typeInto(page, page.getByLabel("Description"), "Keyboard order");
  await press(page, page.getByRole("button", { name: "Charge card" }));
  await expect(page.getByTestId("action-result")).toHaveText("Charged $12.00.");
  await press(page, page.getByRole("link", { name: "View payment" }));
  await expect(page).toHaveURL(/\/payments\/pi_/);

  // Refund part of it.
  await typeInto(page, page.getByLabel(/^Amount/), "5.00");
  await press(page, page.getByRole("button", { name: "Refund", exact: true }));
  const anyway = page.getByRole("button", { name: "Refund anyway" });
  const result = page.getByTestId("action-result");
  await expect(anyway.or(result)).toBeVisible();
  if (await anyway.isVisible()) await press(page, anyway);
  await expect(result).toContainText("Refunded $5.00");

  // Answer a dispute.
  const disputed = await paidPayment(4400, "pm_card_createDispute");
  const dispute = (await stripe.disputes.list({ payment_intent: disputed.id, limit: 1 })).data[0]!;
  await expect(async () => {
    await page.goto(`/disputes/${dispute.id}`);
    await expect(page.getByTestId("dispute-status")).toHaveText("Needs response", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await press(page, page.getByRole("button", { name: "Show all evidence fields" }), "Space");
  await typeInto(page, page.getByLabel("Anything else"), "Delivered and signed for");
  await press(page, page.getByRole("button", { name: "Submit evidence…" }));
  await expect(page.getByRole("alertdialog")).toContainText("Submitting is final");
  await press(page, page.getByRole("button", { name: "Submit evidence now" }));
  await expect(page.getByRole("heading", { name: "Evidence submitted" })).toBeVisible();
});
