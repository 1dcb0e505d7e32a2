// Runs after auth.spec.ts (files run in name order), which expects a merchant with no payments yet:
// the disputes made here are payments.
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { readLocalMailbox, type StoredMail } from "../lib/alerts/mailbox";
import { formatDateTime } from "../lib/format/dates";
import { DEMO, emulatorStripe, signInAs } from "./helpers";

// Alerts end to end: a dispute made through the emulator reaches the bell, the inbox and, over
// SMTP, the local mailbox scripts/e2e-server.ts started; the mail's link opens the dispute.

function mailDir(): string {
  const file = path.join(tmpdir(), `ledgerline-e2e-${process.env.E2E_PORT}.json`);
  return (JSON.parse(readFileSync(file, "utf8")) as { mailDir: string }).mailDir;
}

async function mailAbout(to: string, disputeId: string): Promise<StoredMail | undefined> {
  return (await readLocalMailbox(mailDir())).find((m) => m.to.includes(to) && m.text.includes(`/disputes/${disputeId}`));
}

async function openDispute(amount: number) {
  const stripe = emulatorStripe();
  const intent = await stripe.paymentIntents.create({ amount, currency: "usd", payment_method: "pm_card_createDispute", confirm: true, description: "Alerts order" });
  return (await stripe.disputes.list({ payment_intent: intent.id, limit: 1 })).data[0]!;
}

async function bellCount(page: Page): Promise<number> {
  // One bell in the shell's top bar, whatever the screen's width (components/shell/app-shell.tsx).
  const badge = page.getByTestId("alert-bell-count").filter({ visible: true });
  return (await badge.count()) === 0 ? 0 : Number((await badge.textContent())!.replace(/\D/g, ""));
}

test("a new dispute rings the bell, lands in the inbox and in the agent's mail, whose link opens the dispute", async ({ page, browser }) => {
  await signInAs(page, "agent");
  const before = await bellCount(page);
  const dispute = await openDispute(4217);

  // The bell polls: no reload needed.
  await expect.poll(() => bellCount(page), { timeout: 20_000 }).toBeGreaterThan(before);

  await page.getByTestId("alert-bell").filter({ visible: true }).click();
  await expect(page).toHaveURL(/\/alerts$/);
  const row = page.getByTestId("alert-row").filter({ hasText: "New dispute: $42.17 (Fraudulent)" });
  await expect(row).toHaveCount(1);

  await expect.poll(() => mailAbout(DEMO.agent.email, dispute.id), { timeout: 20_000 }).toBeTruthy();
  const mail = await mailAbout(DEMO.agent.email, dispute.id);
  expect(mail!.subject).toMatch(/New dispute: \$42\.17 \(Fraudulent\)$/);
  const dueBy = formatDateTime(new Date(dispute.evidence_details.due_by! * 1000), { locale: "en-US", timeZone: "UTC" });
  expect(mail!.text).toContain("Amount: $42.17");
  expect(mail!.text).toContain(`Evidence due by: ${dueBy}`);
  expect(mail!.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");

  // The link in the mail opens the dispute's workbench, signed in.
  const link = /Open in Ledgerline: (\S+)/.exec(mail!.text)![1]!;
  await page.goto(link);
  await expect(page.getByTestId("dispute-status")).toHaveText("Needs response");
  await expect(page.getByRole("button", { name: "Save draft" })).toBeVisible();

  // Marking it read lowers the count.
  await page.goto("/alerts");
  const unread = await bellCount(page);
  await page.getByTestId("alert-row").filter({ hasText: "New dispute: $42.17" }).getByRole("button", { name: "Mark read" }).click();
  await expect(page.getByTestId("alert-row").filter({ hasText: "New dispute: $42.17" })).toHaveAttribute("data-read", "yes");
  await expect.poll(() => bellCount(page), { timeout: 10_000 }).toBe(unread - 1);

  // The inbox's filters live in the URL like every list's: a read alert leaves the unread view,
  // which says how many it holds.
  await page.goto("/alerts?rule=dispute.opened&unread=1");
  await expect(page.getByLabel("Unread only")).toBeChecked();
  await expect(page.getByTestId("list-count")).toHaveText(/^(\d+|More than [\d,]+) alerts?$/);
  await expect(page.getByTestId("alert-row").filter({ hasText: "New dispute: $42.17" })).toHaveCount(0);
  await page.goto("/alerts?unread=maybe");
  await expect(page.getByRole("alert").filter({ hasText: "These filters were not applied." })).toContainText("“Unread only”");

  // Admins read the local mailbox at Settings → Mail in emulator mode.
  const admin = await (await browser.newContext()).newPage();
  await signInAs(admin, "admin");
  await admin.goto("/settings/mail");
  await expect(admin.getByTestId("local-mail-subject").filter({ hasText: "New dispute: $42.17" }).first()).toBeVisible();
});

test("with email turned off for new disputes, the inbox still shows one but no mail comes", async ({ page }) => {
  await signInAs(page, "agent");
  await page.goto("/settings/alerts");
  const preference = page.getByTestId("preference-dispute.opened");
  await preference.getByRole("checkbox", { name: "Email" }).uncheck();
  await expect(preference).toContainText("You get it in your inbox only.");

  const dispute = await openDispute(4318);
  // The admin's mail about it arrives: the agent's would have by then.
  await expect.poll(() => mailAbout(DEMO.admin.email, dispute.id), { timeout: 20_000 }).toBeTruthy();
  await page.goto("/alerts?rule=dispute.opened");
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("alert-row").filter({ hasText: "New dispute: $43.18" })).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 10_000 });
  expect(await mailAbout(DEMO.agent.email, dispute.id)).toBeUndefined();

  // Back on, for the specs after this one.
  await page.goto("/settings/alerts");
  await page.getByTestId("preference-dispute.opened").getByRole("checkbox", { name: "Email" }).check();
  await expect(page.getByTestId("preference-dispute.opened")).toContainText("by email at once");
});
