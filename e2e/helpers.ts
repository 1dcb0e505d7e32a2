import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, type APIResponse, type Browser, type Page } from "@playwright/test";
import Stripe from "stripe";

export const DEMO = {
  admin: { email: "admin@ledgerline.test", password: "demo-admin-password", name: "Ada Admin", label: "Administrator" },
  agent: { email: "agent@ledgerline.test", password: "demo-agent-password", name: "Alex Agent", label: "Support specialist, Refund analyst and Dispute analyst" },
  viewer: { email: "viewer@ledgerline.test", password: "demo-viewer-password", name: "Vic Viewer", label: "View only" },
  developer: { email: "developer@ledgerline.test", password: "demo-developer-password", name: "Dev Developer", label: "Developer" },
  analyst: { email: "analyst@ledgerline.test", password: "demo-analyst-password", name: "Ana Analyst", label: "Analyst" },
} as const;

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInAs(page: Page, who: keyof typeof DEMO): Promise<void> {
  await signIn(page, DEMO[who].email, DEMO[who].password);
  await expect(page.getByTestId("staff-role")).toHaveText(DEMO[who].label);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

/**
 * The id Next.js gave a server action, from the build's manifest. The same id is in the public
 * JavaScript of any page that uses the action, so a caller who wants to bypass the UI has it too.
 */
export function serverActionId(file: string, exportedName: string): string {
  const manifest = JSON.parse(
    readFileSync(path.join(process.cwd(), ".next", "server", "server-reference-manifest.json"), "utf8"),
  ) as { node: Record<string, { filename: string; exportedName: string }> };
  const entry = Object.entries(manifest.node).find(([, a]) => a.filename === file && a.exportedName === exportedName);
  if (!entry) throw new Error(`server action ${exportedName} of ${file} is not in the build: rebuild with next build`);
  return entry[0];
}

/**
 * Calls a server action the way React does (POST with the Next-Action header and the arguments as
 * JSON), but directly, with whatever session cookies the page's context holds.
 */
export function callServerAction(page: Page, pathname: string, actionId: string, args: unknown[]): Promise<APIResponse> {
  const origin = new URL(page.url() === "about:blank" ? "/" : page.url()).origin;
  return page.request.post(pathname, {
    headers: {
      "Next-Action": actionId,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      Origin: origin,
    },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
}

/** The demo agent's roles: what the migration gave every agent. */
export const AGENT_ROLES = ["support_specialist", "refund_analyst", "dispute_analyst"];

export async function inviteStaff(page: Page, who: { email: string; name: string; roles: string[] }): Promise<string> {
  await page.goto("/settings/staff");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Name").fill(who.name);
  const invite = page.getByRole("form", { name: "Invite a staff member" });
  for (const box of await invite.locator('input[name="roles"]').all()) {
    await box.setChecked(who.roles.includes((await box.getAttribute("value"))!));
  }
  await page.getByRole("button", { name: "Invite" }).click();
  const password = page.getByTestId("temporary-password");
  await expect(password).toBeVisible();
  return (await password.textContent())!.trim();
}

export function staffRow(page: Page, email: string) {
  return page.getByTestId(`staff-${email}`);
}

/** The staff member's id, as the admin's Staff page knows it. */
export async function staffIdOf(page: Page, email: string): Promise<string> {
  await page.goto("/settings/staff");
  const id = await staffRow(page, email).locator("fieldset").getAttribute("id");
  return id!.replace(/^role-/, "");
}

/** The emulator scripts/e2e-server.ts started for this run, and its secret key. */
function emulatorSettings(): { url: string; secretKey: string } {
  const file = path.join(tmpdir(), `ledgerline-e2e-${process.env.E2E_PORT}.json`);
  return JSON.parse(readFileSync(file, "utf8")) as { url: string; secretKey: string };
}
export const emulatorUrl = () => emulatorSettings().url;

/** The official SDK pointed at that emulator, to make what a customer's bank would (a dispute). */
export function emulatorStripe(): Stripe {
  const url = new URL(emulatorUrl());
  return new Stripe(emulatorSettings().secretKey, { host: url.hostname, port: Number(url.port), protocol: "http" });
}

/** One of the emulator's controls (what a card network or the passing of time would do), with the secret key. */
export async function emulatorControl(route: string, params: Record<string, string> = {}): Promise<unknown> {
  const response = await fetch(`${emulatorUrl()}${route}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${emulatorSettings().secretKey}`, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(params).toString(),
  });
  expect(response.ok, `${route} answered ${response.status}`).toBe(true);
  return response.json();
}

export async function advanceEmulatorClock(seconds: number): Promise<void> {
  await emulatorControl("/_emulator/clock/advance", { seconds: String(seconds) });
}

export const challenge = (page: Page) => page.frameLocator('iframe[name="stripe-challenge-frame"]');

export async function createCustomer(page: Page, name: string, email: string): Promise<string> {
  await page.goto("/customers");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Create customer" }).click();
  await expect(page).toHaveURL(/\/customers\/cus_/);
  return page.url().split("/").pop()!;
}

/** The agent sends a card link; the customer, in a browser of their own, saves the card. */
export async function customerSavesCard(page: Page, browser: Browser, email: string, card: string, threeDSecure = false): Promise<void> {
  await page.getByRole("button", { name: "Send card link" }).click();
  const link = (await page.getByTestId("customer-link").textContent())!.trim();
  expect(link).toMatch(/\/setup\/[A-Za-z0-9_-]{43}$/);

  const customer = await browser.newContext();
  const tab = await customer.newPage();
  await tab.goto(link);
  await expect(tab.getByTestId("customer-email")).toHaveText(email);
  await tab.getByLabel("Card number").fill(card);
  await tab.getByLabel("Expiration date (MM / YY)").fill("12 / 34");
  await tab.getByLabel("Security code").fill("123");
  await tab.getByLabel("ZIP").fill("94103");
  await tab.getByRole("button", { name: "Save card" }).click();
  if (threeDSecure) await challenge(tab).getByRole("button", { name: "Complete authentication" }).click();
  await expect(tab.getByTestId("setup-done")).toContainText("Your card is saved");
  // Single use: opening the link again gets a clear page.
  await tab.goto(link);
  await expect(tab.getByTestId("link-refused")).toContainText("has been used");
  await customer.close();
  await page.reload();
  await expect(page.getByTestId("saved-cards")).toContainText(card.slice(-4));
}

/**
 * After "Submit evidence now": Stripe's answer is shown at once, and the page reads "Evidence
 * submitted" once the mirror holds the submission. The answer is read from the toast: the form
 * under the button is remounted read-only as soon as the page sees the submission, and its own
 * result line goes with it, so whether that line is still there depends on which write won the
 * race. The action writes Stripe's response straight away, stamped with this machine's clock; when
 * the emulator's clock is ahead of it (a spec moved it on), the webhook's snapshot is the newer one
 * and brings the submission instead, so the page is read again until it shows.
 */
export async function expectEvidenceSubmitted(page: Page): Promise<void> {
  const answer = page.locator("[data-sonner-toast]").filter({ hasText: "Evidence submitted. The bank now reviews it" });
  const refusal = page.locator('[data-testid="action-result"][data-outcome="refused"]');
  await expect(answer.or(refusal)).toBeVisible();
  await expect(refusal, "the submission was refused").toHaveCount(0);
  const heading = page.getByRole("heading", { name: "Evidence submitted" });
  await expect(async () => {
    if (!(await heading.isVisible())) await page.reload();
    await expect(heading).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}
