// Money movement end to end, in Chromium, against the app's own emulator: a customer saves a card
// through a link, an agent charges it, a 3-D Secure card goes through the payment link, two partial
// refunds then an over-refund, a dispute accepted by an admin (and not by an agent), and a dispute
// answered with a file and won.
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { advanceEmulatorClock, callServerAction, challenge, createCustomer, customerSavesCard, emulatorStripe, serverActionId, signInAs, signOut } from "./helpers";

test.describe.configure({ mode: "serial" });

async function charge(page: Page, amount: string, description: string): Promise<void> {
  await page.getByLabel("Amount").fill(amount);
  await page.getByLabel("Description").fill(description);
  await page.getByRole("button", { name: "Charge card" }).click();
}

/** Submits a refund; confirms when the refund is larger than the available balance. */
async function refund(page: Page, amount: string): Promise<void> {
  await page.getByLabel(/^Amount/).fill(amount);
  await page.getByRole("button", { name: "Refund", exact: true }).click();
  const anyway = page.getByRole("button", { name: "Refund anyway" });
  const result = page.getByTestId("action-result");
  await expect(anyway.or(result)).toBeVisible();
  if (await anyway.isVisible()) await anyway.click();
}

const DISPUTE_ACTIONS = "app/(dashboard)/disputes/[id]/actions.ts";

let paidPaymentUrl = "";

test("a customer saves a card through a link and an agent charges it", async ({ page, browser }) => {
  await signInAs(page, "agent");
  const email = `ada-${Date.now()}@example.com`;
  await createCustomer(page, "Ada Lovelace", email);
  await customerSavesCard(page, browser, email, "4242424242424242");
  await charge(page, "50.00", "Order 1001");
  await expect(page.getByTestId("action-result")).toHaveText("Charged $50.00.");
  await page.getByRole("link", { name: "View payment" }).click();
  await expect(page).toHaveURL(/\/payments\/pi_/);
  paidPaymentUrl = page.url();
  await expect(page.getByTestId("payment-status")).toHaveText("Succeeded");
});

test("a 3-D Secure card goes through the payment link", async ({ page, browser }) => {
  await signInAs(page, "agent");
  const email = `grace-${Date.now()}@example.com`;
  await createCustomer(page, "Grace Hopper", email);
  await customerSavesCard(page, browser, email, "4000002760003184", true);
  await charge(page, "30.00", "Order 1002");
  await expect(page.getByTestId("action-result")).toContainText("authenticate");
  await page.getByRole("button", { name: "Send payment link" }).click();
  const link = (await page.getByTestId("customer-link").textContent())!.trim();
  expect(link).toMatch(/\/pay\//);

  const customer = await browser.newContext();
  const tab = await customer.newPage();
  await tab.goto(link);
  await expect(tab.getByRole("heading", { name: "Approve a payment of $30.00" })).toBeVisible();
  await tab.getByRole("button", { name: "Approve $30.00" }).click();
  await challenge(tab).getByRole("button", { name: "Complete authentication" }).click();
  await expect(tab.getByTestId("payment-done")).toContainText("payment is complete");
  await customer.close();

  await page.getByRole("link", { name: "View payment" }).first().click();
  await expect(page.getByTestId("payment-status")).toHaveText("Succeeded");
});

test("two partial refunds, then an over-refund is refused", async ({ page }) => {
  test.skip(!paidPaymentUrl, "needs the payment of the first test");
  await signInAs(page, "agent");
  await page.goto(paidPaymentUrl);
  await refund(page, "20.00");
  await expect(page.getByTestId("action-result")).toHaveText("Refunded $20.00.");
  await page.reload();
  await refund(page, "15.50");
  await expect(page.getByTestId("action-result")).toHaveText("Refunded $15.50.");
  await page.reload();
  await expect(page.getByText("$14.50 left to refund")).toBeVisible();
  await page.getByLabel(/^Amount/).fill("20.00");
  await page.getByRole("button", { name: "Refund", exact: true }).click();
  await expect(page.getByText("At most $14.50 is left to refund on this payment.")).toBeVisible();
  await expect(page.getByTestId("refunds").locator("tbody tr")).toHaveCount(2);
  await expect(page.getByTestId("payment-status")).toHaveText("Partially refunded");
});

test("an admin accepts a dispute after confirming it; an agent can neither see nor call the accept action", async ({ page }) => {
  // Before any test advances the emulator's clock: staff actions are stamped with the real time and
  // Stripe's events with the emulator's, so the timeline's order is only meaningful while they agree.
  const stripe = emulatorStripe();
  const intent = await stripe.paymentIntents.create({ amount: 4200, currency: "usd", payment_method: "pm_card_createDispute", confirm: true, description: "Order 1004" });
  const opened = (await stripe.disputes.list({ payment_intent: intent.id, limit: 1 })).data[0]!;
  expect(opened.status).toBe("needs_response");
  const disputeUrl = `/disputes/${opened.id}`;

  await signInAs(page, "agent");
  // The dispute reaches the app by webhook.
  await expect(async () => {
    await page.goto(disputeUrl);
    await expect(page.getByTestId("dispute-status")).toHaveText("Needs response", { timeout: 1000 });
    // The header carries the same status badge as the disputes list: the words, and its colour.
    await expect(page.getByTestId("dispute-status")).toHaveAttribute("data-tone", "red");
  }).toPass({ timeout: 20_000 });
  // The agent may answer the dispute but not give it up: no accept panel, and a direct call is refused.
  await expect(page.getByRole("button", { name: "Save draft" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Accept the dispute" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Accept dispute…" })).toHaveCount(0);
  const call = await callServerAction(page, disputeUrl, serverActionId(DISPUTE_ACTIONS, "acceptDisputeAction"), [
    { disputeId: opened.id, confirm: "accept", actionId: randomUUID() },
  ]);
  expect(call.status()).toBe(200);
  const refusal = await call.text();
  expect(refusal).toContain("This needs the Administrator role; you are signed in as Support specialist, Refund analyst and Dispute analyst.");
  expect(refusal).not.toContain('"ok":true');
  expect((await stripe.disputes.retrieve(opened.id)).status).toBe("needs_response");
  await signOut(page);

  await signInAs(page, "admin");
  await page.goto(disputeUrl);
  const confirmation = page.getByRole("alertdialog", { name: "Confirm accepting the dispute" });
  // Cancelling the confirmation changes nothing.
  await page.getByRole("button", { name: "Accept dispute…" }).click();
  await expect(confirmation).toContainText("Accepting is final");
  await confirmation.getByRole("button", { name: "Cancel" }).click();
  await expect(confirmation).toHaveCount(0);
  expect((await stripe.disputes.retrieve(opened.id)).status).toBe("needs_response");

  await page.getByRole("button", { name: "Accept dispute…" }).click();
  await confirmation.getByRole("button", { name: "Yes, accept and lose the dispute" }).click();
  await expect(page.getByTestId("dispute-status")).toHaveText("Lost");
  await expect(page.getByTestId("dispute-status")).toHaveAttribute("data-tone", "slate");
  expect((await stripe.disputes.retrieve(opened.id)).status).toBe("lost");

  // Closed for good, after a reload too: nothing left to answer or accept, and Stripe's closing
  // event follows the admin's action on the timeline.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("timeline").locator('li[data-kind="charge.dispute.closed"]')).toContainText("Closed as lost", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId("dispute-status")).toHaveText("Lost");
  await expect(page.getByRole("button", { name: "Accept dispute…" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save draft" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Submit evidence…" })).toHaveCount(0);
  await expect(page.getByRole("group", { name: "Evidence fields" })).toHaveAttribute("disabled", "");
  await expect(page.getByRole("group", { name: "Evidence fields" }).getByRole("textbox")).toHaveCount(0);
  // The form says why it is closed, and no deadline is shown for a dispute that is over.
  await expect(page.getByText("This dispute is lost: evidence can no longer be added.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Evidence submitted" })).toHaveCount(0);
  await expect(page.getByTestId("due-by")).toHaveCount(0);
  const accepted = page.getByTestId("timeline").locator('li[data-source="staff"][data-kind="dispute.accept"]');
  await expect(accepted).toHaveCount(1);
  await expect(accepted).toContainText("Dispute accepted");
  await expect(accepted).toContainText("by Ada Admin");
  await expect(accepted).toContainText("It is closed as lost.");
  const kinds = await page.getByTestId("timeline").locator("li").evaluateAll((items) => items.map((li) => li.getAttribute("data-kind")));
  expect(kinds.indexOf("charge.dispute.created")).toBeGreaterThanOrEqual(0);
  expect(kinds.indexOf("charge.dispute.created")).toBeLessThan(kinds.indexOf("dispute.accept"));
  expect(kinds.indexOf("dispute.accept")).toBeLessThan(kinds.indexOf("charge.dispute.closed"));
});

test("a dispute is answered with a file and winning evidence, submitted, and won", async ({ page, browser }) => {
  await signInAs(page, "agent");
  const email = `dora-${Date.now()}@example.com`;
  await createCustomer(page, "Dora Dispute", email);
  await customerSavesCard(page, browser, email, "4000000000000259");
  await charge(page, "80.00", "Order 1003");
  await expect(page.getByTestId("action-result")).toHaveText("Charged $80.00.");
  await page.getByRole("link", { name: "View payment" }).click();
  // The dispute arrives by webhook.
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("link", { name: /Fraudulent · Needs response/ })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await page.getByRole("link", { name: /Fraudulent · Needs response/ }).click();
  await expect(page).toHaveURL(/\/disputes\/(dp|du)_/);
  await expect(page.getByTestId("due-by")).toContainText("Respond by");

  const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
  await page.getByLabel("Receipt").setInputFiles({ name: "receipt.pdf", mimeType: "application/pdf", buffer: pdf });
  await expect(page.getByText(/receipt\.pdf/)).toBeVisible();
  await expect(page.getByRole("meter", { name: "Space used by evidence files" })).toHaveAttribute("value", String(pdf.length));
  await page.getByRole("button", { name: "Show all evidence fields" }).click();
  await page.getByLabel("Anything else").fill("winning_evidence");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByTestId("action-result")).toContainText("Draft saved");
  await page.getByRole("button", { name: "Submit evidence…" }).click();
  await expect(page.getByRole("alertdialog")).toContainText("Submitting is final");
  await page.getByRole("button", { name: "Submit evidence now" }).click();
  await expect(page.getByRole("heading", { name: "Evidence submitted" })).toBeVisible();
  await expect(page.getByLabel("Anything else")).toBeDisabled();

  await advanceEmulatorClock(600);
  // "Won" can arrive with charge.dispute.funds_reinstated before charge.dispute.closed lands:
  // Stripe does not order deliveries, so wait for both.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("dispute-status")).toHaveText("Won", { timeout: 1000 });
    await expect(page.getByTestId("timeline")).toContainText("Dispute closed", { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId("dispute-status")).toHaveAttribute("data-tone", "green");
  const timeline = page.getByTestId("timeline");
  for (const step of ["Dispute opened", "Evidence file uploaded", "Evidence draft saved", "Evidence submitted", "Dispute closed"]) {
    await expect(timeline).toContainText(step);
  }
  await expect(timeline).toContainText("Closed as won");
});
