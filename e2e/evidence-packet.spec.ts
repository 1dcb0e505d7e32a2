// Runs after auth.spec.ts and dispute-alerts.spec.ts (files run in name order): the dispute made
// here is a payment, which auth.spec must not see.
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { pdfText } from "../tests/support/pdf-text";
import { emulatorStripe, signInAs } from "./helpers";

// The evidence packet end to end: the score says what is missing and fills as staff type, the cover
// letter downloads as a PDF naming the payment and attaches as the other file, a saved draft is
// flagged before its deadline, and the analytics count the new dispute.

async function disputesOpened(page: Page): Promise<number> {
  await page.goto("/disputes/analytics");
  const detail = await page.getByTestId("rate-by-dispute-date").locator("xpath=following-sibling::dd").textContent();
  return Number(/([\d,]+) disputes opened/.exec(detail ?? "")![1]!.replace(/,/g, ""));
}

test("the packet score, the cover letter and the analytics of a new dispute", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAs(page, "agent");
  const before = await disputesOpened(page);

  const stripe = emulatorStripe();
  const intent = await stripe.paymentIntents.create({ amount: 5310, currency: "usd", payment_method: "pm_card_createDisputeProductNotReceived", confirm: true, description: "Packet order" });
  const dispute = (await stripe.disputes.list({ payment_intent: intent.id, limit: 1 })).data[0]!;

  // The webhook brings the dispute in; its page exists once it has landed.
  await expect.poll(async () => (await page.goto(`/disputes/${dispute.id}`))?.status(), { timeout: 20_000 }).toBe(200);
  const score = page.getByTestId("evidence-score");
  await expect(score).toContainText("Packet 0 / 100");
  await expect(page.getByTestId("evidence-missing")).toContainText("Tracking number (+25): A tracking number with a delivery scan");

  await page.getByLabel("Tracking number").fill("1Z999AA10123456784");
  await page.getByLabel("Shipping carrier").fill("UPS");
  await expect(score).toContainText("Packet 35 / 100");
  await expect(page.getByTestId("evidence-missing")).not.toContainText("Tracking number");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByTestId("action-result").filter({ hasText: "Draft saved." })).toBeVisible();

  // A saved draft, not submitted: flagged with what happens at the deadline.
  await page.reload();
  await expect(page.getByTestId("unsubmitted-draft")).toContainText("Evidence is saved as a draft but not submitted.");
  await expect(page.getByTestId("unsubmitted-draft")).toContainText("the dispute is lost");

  // The cover letter downloads as a PDF that names the payment and its amount.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Preview cover letter (PDF)" }).click()]);
  expect(download.suggestedFilename()).toBe(`cover-letter-${dispute.id}.pdf`);
  const { text } = await pdfText(new Uint8Array(readFileSync((await download.path())!)));
  expect(text).toContain(intent.id);
  expect(text).toContain("$53.10");
  expect(text).toContain("1Z999AA10123456784");

  // Attached, it is the other file; saved, Stripe holds it as uncategorized_file.
  await page.getByRole("button", { name: "Attach cover letter" }).click();
  await expect(page.getByTestId("action-result").filter({ hasText: `cover-letter-${dispute.id}.pdf uploaded.` })).toBeVisible();
  await expect(page.getByText(new RegExp(`cover-letter-${dispute.id}\\.pdf \\(`))).toBeVisible();
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByTestId("action-result").filter({ hasText: "Draft saved." })).toBeVisible();
  await expect.poll(async () => {
    const evidence = (await stripe.disputes.retrieve(dispute.id)).evidence;
    return typeof evidence.uncategorized_file === "string" ? evidence.uncategorized_file.slice(0, 5) : null;
  }).toBe("file_");

  // The analytics count the dispute just opened, and offer the figures as CSV.
  await expect.poll(() => disputesOpened(page)).toBe(before + 1);
  await expect(page.getByTestId("dispute-money")).toContainText("USD");
  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
  const lines = readFileSync((await csv.path())!, "utf8").split("\r\n");
  expect(lines).toContain(`dispute_rate,by_dispute_date,disputes,${before + 1}`);
});
