// Runs after auth.spec.ts (files run in name order), which expects a merchant with no payments yet.
// Amounts typed as people write them, in Chromium: a member of staff whose browser speaks German
// charges "1,50" and Stripe receives 150 euro cents; an American typing the same keystrokes is
// refused and nothing reaches Stripe; a large amount is charged only after a confirmation that
// repeats it. The German's browser also runs in another time zone.
import { expect, test } from "@playwright/test";
import { AGENT_ROLES, createCustomer, customerSavesCard, emulatorStripe, inviteStaff, signIn, signInAs } from "./helpers";

test.describe.configure({ mode: "serial" });

const GRETA = { email: `greta-${Date.now()}@ledgerline.test`, name: "Greta Agent", password: "gretas own password" };
let customerUrl = "";

async function intentsOf(customerId: string) {
  return (await emulatorStripe().paymentIntents.list({ customer: customerId, limit: 100 })).data;
}

test("a German member of staff charges 1,50 and Stripe receives €1.50", async ({ browser }) => {
  const admin = await browser.newPage();
  await signInAs(admin, "admin");
  const temporary = await inviteStaff(admin, { email: GRETA.email, name: GRETA.name, roles: AGENT_ROLES });
  await admin.close();

  const context = await browser.newContext({ locale: "de-DE", timezoneId: "Europe/Berlin" });
  const page = await context.newPage();
  await signIn(page, GRETA.email, temporary);
  await page.getByLabel("Current password").fill(temporary);
  await page.getByLabel("New password (at least 12 characters)").fill(GRETA.password);
  await page.getByLabel("New password again").fill(GRETA.password);
  await page.getByRole("button", { name: "Save password" }).click();
  await expect(page.getByTestId("staff-role")).toHaveText("Support specialist, Refund analyst and Dispute analyst");

  // Her first sign-in took the number format from her browser's language.
  await page.goto("/settings");
  await expect(page.getByLabel("Your number format, for amounts you type and read")).toHaveValue("de-DE");

  const email = `juergen-${Date.now()}@example.com`;
  const customerId = await createCustomer(page, "Jürgen Kunde", email);
  customerUrl = page.url();
  await customerSavesCard(page, browser, email, "4242424242424242");

  await page.getByLabel("Currency", { exact: true }).selectOption("eur");
  await page.getByLabel("Amount").fill("1,50");
  await expect(page.getByTestId("amount-preview")).toHaveText("Charge 1,50\u00a0€ to Visa •••• 4242");
  await page.getByLabel("Description").fill("Kaffee");
  await page.getByRole("button", { name: "Charge card" }).click();
  await expect(page.getByTestId("action-result")).toHaveText("Charged 1,50\u00a0€.");

  const intents = await intentsOf(customerId);
  expect(intents.map((i) => [i.amount, i.currency])).toEqual([[150, "eur"]]);
  await context.close();
});

test("an American typing 1,50 is refused before and after pressing Charge, and nothing reaches Stripe", async ({ page }) => {
  test.skip(!customerUrl, "needs the customer of the first test");
  const customerId = customerUrl.split("/").pop()!;
  const before = await intentsOf(customerId);
  await signInAs(page, "agent");
  await page.goto(customerUrl);
  await page.getByLabel("Currency", { exact: true }).selectOption("eur");
  await page.getByLabel("Amount").fill("1,50");
  await expect(page.getByTestId("amount-preview")).toHaveText(
    "Enter the amount as a number written like 1,234,567.89 (your number format, English (United States)).",
  );
  await page.getByLabel("Description").fill("Coffee");
  await page.getByRole("button", { name: "Charge card" }).click();
  await expect(page.getByTestId("action-result")).toHaveText("Check the highlighted fields.");
  await expect(page.getByLabel("Amount")).toHaveAttribute("aria-invalid", "true");
  expect(await intentsOf(customerId)).toHaveLength(before.length);
});

test("a large amount is charged only after a confirmation that repeats it", async ({ browser }, testInfo) => {
  test.skip(!customerUrl, "needs the customer of the first test");
  const customerId = customerUrl.split("/").pop()!;
  const context = await browser.newContext({ locale: "de-DE", timezoneId: "America/Santiago" });
  const page = await context.newPage();
  await signIn(page, GRETA.email, GRETA.password);
  await expect(page.getByTestId("staff-role")).toHaveText("Support specialist, Refund analyst and Dispute analyst");
  await page.goto(customerUrl);
  await page.getByLabel("Currency", { exact: true }).selectOption("eur");
  await page.getByLabel("Amount").fill("1.500,00");
  await expect(page.getByTestId("amount-preview")).toHaveText("Charge 1.500,00\u00a0€ to Visa •••• 4242");
  await page.getByLabel("Description").fill("Sofa");
  await page.getByRole("button", { name: "Charge card" }).click();
  await expect(page.getByTestId("amount-confirmation")).toHaveText(
    "Charge 1.500,00\u00a0€ to Visa •••• 4242? This amount is above 1.000,00\u00a0€, so it needs your confirmation.",
  );
  expect((await intentsOf(customerId)).map((i) => i.amount)).toEqual([150]);
  await page.getByTestId("amount-confirmation").scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath("charge-confirmation-de-DE.png") });
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("action-result")).toHaveText("Charged 1.500,00\u00a0€.");
  expect((await intentsOf(customerId)).map((i) => i.amount).sort((a, b) => a - b)).toEqual([150, 150000]);
  await context.close();
});
