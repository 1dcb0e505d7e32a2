// Runs last (files run in name order): it moves the emulator's clock a day on, which the specs
// before it must not see (money.spec.ts orders staff actions and Stripe's events by time).
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { readLocalMailbox } from "../lib/alerts/mailbox";
import { advanceEmulatorClock, DEMO, emulatorStripe, signInAs } from "./helpers";

// The daily digest end to end: with "Daily digest" chosen for new disputes, two disputes reach the
// inbox at once but no mail; when the day ends — the emulator's clock, which the alert loop follows
// in emulator mode (lib/alerts/alert-clock.ts) — one mail holds both.

function mailDir(): string {
  const file = path.join(tmpdir(), `ledgerline-e2e-${process.env.E2E_PORT}.json`);
  return (JSON.parse(readFileSync(file, "utf8")) as { mailDir: string }).mailDir;
}

async function agentMailAbout(disputeId: string) {
  return (await readLocalMailbox(mailDir())).filter((m) => m.to.includes(DEMO.agent.email) && m.text.includes(`/disputes/${disputeId}`));
}

async function openDispute(amount: number) {
  const stripe = emulatorStripe();
  const intent = await stripe.paymentIntents.create({ amount, currency: "usd", payment_method: "pm_card_createDispute", confirm: true, description: "Digest order" });
  return (await stripe.disputes.list({ payment_intent: intent.id, limit: 1 })).data[0]!;
}

test("with the daily digest chosen, new disputes reach the inbox at once and the mail once, together, when the day ends", async ({ page }) => {
  await signInAs(page, "agent");
  await page.goto("/settings/alerts");
  const preference = page.getByTestId("preference-dispute.opened");
  await preference.getByRole("checkbox", { name: "Email" }).check();
  await preference.getByRole("combobox").selectOption("digest");
  await expect(preference).toContainText("and in a daily email digest");
  // The row shows the choice at once; it is saved when the server says so, and only a saved choice
  // decides how the disputes below are mailed.
  await expect(page.getByText("“New dispute or inquiry”: email in a daily digest.")).toBeVisible();

  const first = await openDispute(5121);
  const second = await openDispute(5232);
  await page.goto("/alerts?rule=dispute.opened");
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("alert-row").filter({ hasText: /New dispute: \$(51\.21|52\.32)/ })).toHaveCount(2, { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  // The admin is told at once; by the time the admin's mail is in, an instant one to the agent would be too.
  await expect.poll(async () => (await readLocalMailbox(mailDir())).filter((m) => m.to.includes(DEMO.admin.email) && m.text.includes(`/disputes/${second.id}`)).length, { timeout: 20_000 }).toBe(1);
  expect(await agentMailAbout(first.id)).toHaveLength(0);

  // The agent's day ends, whatever their time zone.
  await advanceEmulatorClock(25 * 60 * 60);
  await expect.poll(async () => (await agentMailAbout(first.id)).length, { timeout: 30_000 }).toBe(1);
  const [digest] = await agentMailAbout(first.id);
  expect(digest!.text).toContain(`/disputes/${second.id}`);
  expect(digest!.subject).toMatch(/\d+ alerts today$/);
  expect(digest!.text).toContain("New dispute: $51.21 (Fraudulent)");
  expect(digest!.text).toContain("New dispute: $52.32 (Fraudulent)");
  // Once: no second mail about either, however many times the loop runs.
  await page.waitForTimeout(3_000);
  expect(await agentMailAbout(first.id)).toHaveLength(1);
  expect(await agentMailAbout(second.id)).toHaveLength(1);
});
