// The main staff flows again on a phone (390×844): the navigation drawer, charging a saved card,
// refunding it, answering a dispute, accepting another, reading a payout, and every section. Each
// page visited must not scroll sideways and must pass axe; each action pressed must be on screen
// and uncovered. Screenshots of the overview, a payment and a dispute in light and dark are
// attached to the report, and written to docs/screenshots/ with E2E_UPDATE_SCREENSHOTS=1.
import path from "node:path";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { createCustomer, customerSavesCard, emulatorStripe, expectEvidenceSubmitted, signInAs } from "./helpers";
import { checkPage, expectChartTextReadable, expectReachable, press } from "./layout-checks";

// axe takes seconds a page on a busy machine, and most tests here check several pages.
test.describe.configure({ mode: "serial", timeout: 180_000 });
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

const shots = { payment: "", dispute: "" };

async function refund(page: Page, amount: string): Promise<void> {
  await page.getByLabel(/^Amount/).fill(amount);
  await press(page.getByRole("button", { name: "Refund", exact: true }));
  const anyway = page.getByRole("button", { name: "Refund anyway" });
  const result = page.getByTestId("action-result");
  await expect(anyway.or(result)).toBeVisible();
  if (await anyway.isVisible()) await press(anyway);
}

/** A dispute opened by the customer's bank (Stripe's createDispute test card), once the app has it. */
async function openedDispute(page: Page, description: string): Promise<string> {
  const stripe = emulatorStripe();
  const intent = await stripe.paymentIntents.create({ amount: 2600, currency: "usd", payment_method: "pm_card_createDispute", confirm: true, description });
  const dispute = (await stripe.disputes.list({ payment_intent: intent.id, limit: 1 })).data[0]!;
  const url = `/disputes/${dispute.id}`;
  await expect(async () => {
    await page.goto(url);
    await expect(page.getByTestId("dispute-status")).toHaveText("Needs response", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  return url;
}

/** Signing out is in the drawer, with the person's name and role. */
async function signOutFromMenu(page: Page): Promise<void> {
  await press(page.getByRole("button", { name: "Menu", exact: true }));
  await press(page.getByRole("button", { name: "Sign out" }));
  await expect(page).toHaveURL(/\/sign-in/);
}

async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const file = process.env.E2E_UPDATE_SCREENSHOTS === "1"
      ? path.join(process.cwd(), "docs", "screenshots", `${name}-390-${scheme}.png`)
      : testInfo.outputPath(`${name}-390-${scheme}.png`);
    await page.screenshot({ path: file, fullPage: false, animations: "disabled" });
    await testInfo.attach(`${name}-${scheme}`, { path: file, contentType: "image/png" });
  }
  await page.emulateMedia({ colorScheme: "light" });
}

test("the navigation is a drawer behind a menu button that Escape closes", async ({ page }) => {
  await signInAs(page, "agent");
  const menu = page.getByRole("button", { name: "Menu", exact: true });
  const nav = page.getByRole("navigation", { name: "Sections" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(nav).toBeHidden();
  await checkPage(page);

  await press(menu);
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(nav.getByRole("link", { name: "Overview" })).toBeFocused();
  await expectReachable(nav.getByRole("link", { name: "Settings" }));
  await page.keyboard.press("Escape");
  await expect(nav).toBeHidden();
  await expect(menu).toBeFocused();

  await press(menu);
  await press(nav.getByRole("link", { name: "Customers" }));
  await expect(page).toHaveURL(/\/customers$/);
  await expect(nav).toBeHidden();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await checkPage(page);
});

test("an agent charges a saved card and refunds part of it", async ({ page, browser }) => {
  await signInAs(page, "agent");
  const email = `phone-${Date.now()}@example.com`;
  await createCustomer(page, "Phoebe Phone", email);
  await checkPage(page);
  await expectReachable(page.getByRole("button", { name: "Send card link" }));
  await customerSavesCard(page, browser, email, "4242424242424242");
  await checkPage(page);

  await page.getByLabel("Amount").fill("12.00");
  await page.getByLabel("Description").fill("Order by phone");
  await press(page.getByRole("button", { name: "Charge card" }));
  await expect(page.getByTestId("action-result")).toHaveText("Charged $12.00.");
  await press(page.getByRole("link", { name: "View payment" }));
  await expect(page).toHaveURL(/\/payments\/pi_/);
  await expect(page.getByTestId("payment-status")).toHaveText("Succeeded");
  await checkPage(page);

  await refund(page, "5.00");
  await expect(page.getByTestId("action-result")).toHaveText("Refunded $5.00.");
  await page.reload();
  await expect(page.getByTestId("payment-status")).toHaveText("Partially refunded");
  await expect(page.getByText("$7.00 left to refund")).toBeVisible();
  await checkPage(page);
  await expectReachable(page.getByTestId("back-link"));
  shots.payment = page.url();
});

test("an agent stages evidence and submits it", async ({ page }) => {
  await signInAs(page, "agent");
  const url = await openedDispute(page, "Phone dispute answered");
  await checkPage(page);
  await press(page.getByRole("button", { name: "Show all evidence fields" }));
  await page.getByLabel("Anything else").fill("Delivered to the door; signed for.");
  await press(page.getByRole("button", { name: "Save draft" }));
  await expect(page.getByTestId("action-result")).toContainText("Draft saved");
  await checkPage(page);
  await press(page.getByRole("button", { name: "Submit evidence…" }));
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("Submitting is final");
  await checkPage(page);
  await press(dialog.getByRole("button", { name: "Submit evidence now" }));
  await expectEvidenceSubmitted(page);
  await checkPage(page);
  shots.dispute = url;
});

test("an admin accepts a dispute", async ({ page }) => {
  await signInAs(page, "admin");
  await openedDispute(page, "Phone dispute accepted");
  await checkPage(page);
  await press(page.getByRole("button", { name: "Accept dispute…" }));
  const confirmation = page.getByRole("alertdialog", { name: "Confirm accepting the dispute" });
  await expect(confirmation).toContainText("Accepting is final");
  await checkPage(page);
  await press(confirmation.getByRole("button", { name: "Yes, accept and lose the dispute" }));
  await expect(page.getByTestId("dispute-status")).toHaveText("Lost");
  await checkPage(page);
});

test("staff read a payout", async ({ page }) => {
  const stripe = emulatorStripe();
  // Stripe's bypassPending test card makes the funds available at once, so they can be paid out;
  // enough of them to cover what the disputes of earlier tests took from the balance.
  await stripe.paymentIntents.create({ amount: 500_000, currency: "usd", payment_method: "pm_card_bypassPending", confirm: true, capture_method: "automatic", description: "For a payout" });
  const payout = await stripe.payouts.create({ amount: 9100, currency: "usd", description: "Phone payout" });
  await signInAs(page, "viewer");
  await expect(async () => {
    await page.goto("/payouts");
    await expect(page.locator(`[data-testid="payout-row"][data-id="${payout.id}"]`)).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await checkPage(page);
  await press(page.locator(`[data-testid="payout-row"][data-id="${payout.id}"]`).getByRole("link").first());
  await expect(page).toHaveURL(new RegExp(`/payouts/${payout.id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("$91.00");
  await checkPage(page);
  await press(page.getByTestId("back-link"));
  await expect(page).toHaveURL(/\/payouts$/);
});

test("every section reads on a phone, and unknown or forbidden pages answer 404 and 403 with a way back", async ({ page }) => {
  await signInAs(page, "admin");
  for (const section of ["/", "/payments", "/refunds", "/payouts", "/disputes", "/customers", "/events", "/audit", "/alerts", "/settings", "/settings/staff"]) {
    await page.goto(section);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await checkPage(page);
  }
  for (const missing of ["/payments/pi_doesnotexist", "/disputes/du_doesnotexist", "/payouts/po_doesnotexist", "/customers/cus_doesnotexist", "/events/evt_doesnotexist", "/no-such-page"]) {
    const response = await page.goto(missing);
    expect(response?.status(), missing).toBe(404);
    await expect(page.getByTestId("status-404")).toBeVisible();
    await checkPage(page);
  }
  await press(page.getByRole("link", { name: "Back to the overview" }));
  await expect(page).toHaveURL(/\/$/);
  await signOutFromMenu(page);

  await signInAs(page, "viewer");
  const response = await page.goto("/settings/staff");
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId("status-403")).toContainText("You are signed in as View only");
  await expect(page.getByTestId("status-403")).toHaveAttribute("role", "alert");
  await checkPage(page);
});

test("the theme follows the system until a person chooses one in Settings, which their profile keeps", async ({ page }, testInfo) => {
  await signInAs(page, "agent");
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/settings");
  const light = await background();
  await page.emulateMedia({ colorScheme: "dark" });
  const dark = await background();
  expect(dark).not.toEqual(light);
  await checkPage(page);

  await page.getByLabel("Theme").selectOption("dark");
  await press(page.getByRole("button", { name: "Save theme" }));
  await expect(page.getByText("Pages are now dark.")).toBeVisible();
  // The server writes the choice into the page itself, so it is right from the first paint.
  const html = await (await page.request.get("/settings")).text();
  expect(html).toContain('<html lang="en" data-theme="dark"');
  await page.emulateMedia({ colorScheme: "light" });
  await page.reload();
  expect(await background()).toEqual(dark);
  await checkPage(page);

  await page.getByLabel("Theme").selectOption("system");
  await press(page.getByRole("button", { name: "Save theme" }));
  await expect(page.getByText("Pages now follow your system")).toBeVisible();
  await page.reload();
  expect(await background()).toEqual(light);
  await page.goto("/audit?kind=staff.theme.change");
  await expect(page.getByRole("cell", { name: "Theme changed" }).first()).toBeVisible();

  await page.goto("/");
  await screenshot(page, testInfo, "overview");
  await page.goto(shots.payment || "/payments");
  await screenshot(page, testInfo, "payment");
  await page.goto(shots.dispute || "/disputes");
  await screenshot(page, testInfo, "dispute");
});

const mainPages = () => ["/", "/payments", "/refunds", "/payouts", "/disputes", "/customers", "/events", "/audit", "/alerts", "/settings", shots.payment, shots.dispute].filter(Boolean);

test("the main pages pass axe at a desktop width too, light and dark", async ({ page }) => {
  test.setTimeout(240_000); // axe takes a few seconds a page, and this visits twelve pages twice
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInAs(page, "admin");
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const url of mainPages()) {
      await page.goto(url);
      await checkPage(page);
    }
  }
  // The charts' text in both schemes (axe cannot judge text drawn in SVG).
  for (const scheme of ["dark", "light"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const url of ["/", "/disputes/analytics"]) {
      await page.goto(url);
      await expectChartTextReadable(page);
    }
  }
});

test("the main pages pass axe on a phone in the dark, and the charts' text reads", async ({ page }) => {
  test.setTimeout(240_000);
  await signInAs(page, "admin");
  await page.emulateMedia({ colorScheme: "dark" });
  for (const url of mainPages()) {
    await page.goto(url);
    await checkPage(page);
  }
  await page.goto("/");
  await expectChartTextReadable(page);
  await page.goto("/disputes/analytics");
  await expectChartTextReadable(page);
});
