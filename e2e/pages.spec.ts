// Every dashboard page with the demo merchant `npm start` creates. This file runs its own stack so
// the demo can have its 60 days of history without touching the shared e2e app: a Stripe emulator
// whose clock starts 60 days back, a fresh embedded database, `next start` on a free port, webhooks
// set up, then scripts/seed-demo-merchant.ts plays the history through the emulator's API and the
// app's webhooks fill the tables. Each page is screenshotted as a test artifact.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type BrowserContext, type Page, type TestInfo } from "@playwright/test";
import Stripe from "stripe";
import { startNextServer, type AppProcess } from "../tests/support/app-process";
import { freePort } from "../tests/support/ports";
import { signInAs } from "./helpers";

const root = process.cwd();
const DAY = 86_400;
/** The history `npm start` gives a new emulator account (scripts/start.mjs), and so the demo's plan. */
const DEMO_DAYS = 60;

interface Stack {
  appUrl: string;
  emulatorUrl: string;
  emulator: ChildProcess;
  stripe: Stripe;
  app: AppProcess;
  dataDir: string;
}

type EmulatorKeys = { secret: string; publishable: string; restricted: { key: string }[] };

let stack: Stack | null = null;
/** What has been started so far, so a set-up that fails or times out half-way is still cleaned up. */
const started: { emulator?: ChildProcess; app?: AppProcess; dataDir?: string; scripts: Set<ChildProcess> } = { scripts: new Set() };
let context: BrowserContext;
let page: Page;

function runScript(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { cwd: root, env, stdio: ["ignore", "pipe", "inherit"] });
    started.scripts.add(child);
    child.once("exit", () => started.scripts.delete(child));
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${script} exited with ${code}: ${out}`))));
  });
}

/**
 * The emulator in a child process (run by tsx; Playwright's loader cannot load its modules),
 * its clock DEMO_DAYS back and Stripe's own retry schedule; it prints its URL once listening.
 */
function startEmulatorProcess(): Promise<{ url: string; keys: EmulatorKeys; process: ChildProcess }> {
  // New keys each run, with a restricted key holding exactly the documented permissions.
  const code = `const { startEmulator } = require("./emulator/server.ts");
    const { generateKeys } = require("./emulator/core/keys.ts");
    const { REQUIRED_PERMISSIONS } = require("./lib/stripe/permissions.ts");
    const keys = generateKeys("test", [{ ...REQUIRED_PERMISSIONS }]);
    startEmulator({ port: 0, dataDir: null, keys, clockStart: Math.floor(Date.now() / 1000) - ${DEMO_DAYS * DAY} }).then((emulator) => {
      console.log(JSON.stringify({ url: emulator.url, keys: emulator.keys }));
      process.on("SIGTERM", () => emulator.close().then(() => process.exit(0)));
    });`;
  const child = spawn(process.execPath, ["--import", "tsx", "-e", code], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) resolve({ ...(JSON.parse(line) as { url: string; keys: EmulatorKeys }), process: child });
    });
    child.on("exit", (exitCode) => reject(new Error(`the emulator exited with ${exitCode}`)));
  });
}

async function startStack(): Promise<Stack> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "ledgerline-pages-"));
  started.dataDir = dataDir;
  const emulator = await startEmulatorProcess();
  started.emulator = emulator.process;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: `pglite:${path.join(dataDir, "pglite")}`,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    STRIPE_SECRET_KEY: "",
    STRIPE_WEBHOOK_SECRET: "",
    NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: emulator.keys.publishable,
    STRIPE_EMULATOR_URL: emulator.url,
    // E2E_STRIPE_KEY=restricted (the second run in npm test): the app holds only the documented permissions.
    STRIPE_EMULATOR_SECRET_KEY: process.env.E2E_STRIPE_KEY === "restricted" ? emulator.keys.restricted[0]!.key : emulator.keys.secret,
  };
  await runScript("scripts/db-migrate.ts", [], env);
  await runScript("scripts/seed-demo-staff.ts", [], env);
  // The port is chosen last and the start retried: on a busy machine another process can take a
  // free port between choosing it and listening on it. A start that fails has stopped its server.
  let app: AppProcess | null = null;
  for (let attempt = 1; !app; attempt++) {
    const port = await freePort();
    env.NEXTAUTH_URL = `http://127.0.0.1:${port}`;
    await runScript("scripts/webhooks-setup.ts", ["--url", env.NEXTAUTH_URL], env);
    try {
      app = started.app = await startNextServer({ env, port, echo: "stderr" });
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
  // The demo is played as customers and their banks would, through the emulator's controls: its secret key.
  const seeded = await runScript("scripts/seed-demo-merchant.ts", ["--emulator-url", emulator.url, "--strict"], { ...env, STRIPE_EMULATOR_SECRET_KEY: emulator.keys.secret });
  console.log(seeded.trim());
  const url = new URL(emulator.url);
  const stripe = new Stripe(emulator.keys.secret, { host: url.hostname, port: Number(url.port), protocol: "http" });
  return { appUrl: app.url, emulatorUrl: emulator.url, emulator: emulator.process, stripe, app, dataDir };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}

async function stopStarted(): Promise<void> {
  for (const script of started.scripts) await stopChild(script);
  await started.app?.stop();
  if (started.emulator) await stopChild(started.emulator);
  if (started.dataDir) rmSync(started.dataDir, { recursive: true, force: true });
}

async function screenshot(name: string, testInfo: TestInfo): Promise<void> {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
}

async function listAll<T>(list: (params: { limit: number; starting_after?: string }) => Promise<Stripe.ApiList<T & { id: string }>>): Promise<T[]> {
  const out: T[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await list({ limit: 100, ...(after ? { starting_after: after } : {}) });
    out.push(...page.data);
    if (!page.has_more || page.data.length === 0) return out;
    after = page.data[page.data.length - 1]!.id;
  }
}

/**
 * The kinds of the page's timeline entries, after checking that they read oldest first. Stripe's
 * event times resolve to the second, so the order is checked to the second.
 */
async function timelineInOrder(): Promise<string[]> {
  const entries = await page.getByTestId("timeline").locator(":scope > li").evaluateAll((items) =>
    items.map((li) => ({ kind: li.getAttribute("data-kind") ?? "", at: li.querySelector("time")?.getAttribute("datetime") ?? "" })),
  );
  expect(entries.length).toBeGreaterThan(1);
  const seconds = entries.map((e) => e.at.slice(0, 19));
  expect(seconds.every(Boolean)).toBe(true);
  expect([...seconds].sort()).toEqual(seconds);
  return entries.map((e) => e.kind);
}

test.describe.configure({ mode: "serial", timeout: 120_000 });

test.beforeAll(async ({ browser }) => {
  // The seed waits for the app to take every webhook of the history (~1,450 events).
  test.setTimeout(600_000);
  stack = await startStack();
  context = await browser.newContext({ baseURL: stack.appUrl });
  page = await context.newPage();
  await signInAs(page, "admin");
});

test.afterAll(async () => {
  await context?.close();
  await stopStarted();
});

test("the overview's 30-day totals equal Stripe's rows, and it lists what needs attention", async ({}, testInfo) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Last 30 days" })).toBeVisible();
  await screenshot("overview", testInfo);

  // The merchant's time zone is UTC (the default), so the window starts at UTC midnight 29 days ago.
  const today = new Date();
  const from = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - 29) / 1000;
  // Stripe moves money only through balance transactions, in the currency each settled in (the demo
  // account settles EUR and JPY sales into USD): the overview must equal their sums for the window.
  const stripe = stack!.stripe;
  const transactions = await listAll((p) => stripe.balanceTransactions.list({ ...p, created: { gte: from } }));
  const CHARGES = ["charge", "payment"];
  const REFUNDS = ["refund", "payment_refund", "refund_failure", "payment_failure_refund"];
  const DISPUTES = ["dispute", "dispute_reversal"];
  const sums = new Map<string, { gross: number; fees: number; refunds: number; disputes: number; net: number }>();
  for (const t of transactions) {
    const charge = CHARGES.includes(t.type);
    const refund = REFUNDS.includes(t.type);
    const dispute = DISPUTES.includes(t.reporting_category);
    if (!charge && !refund && !dispute) continue;
    const f = sums.get(t.currency) ?? { gross: 0, fees: 0, refunds: 0, disputes: 0, net: 0 };
    if (charge) f.gross += t.amount;
    if (refund) f.refunds += t.amount;
    if (dispute) f.disputes += t.amount;
    f.fees -= t.fee;
    f.net += t.net;
    sums.set(t.currency, f);
  }
  expect(sums.get("usd")?.gross ?? 0, "the demo has sales").toBeGreaterThan(0);
  await expect(page.locator('[data-testid^="activity-"]')).toHaveCount(sums.size);
  for (const [currency, f] of sums) {
    for (const key of ["gross", "fees", "refunds", "disputes", "net"] as const) {
      await expect(page.getByTestId(`total-${currency}-${key}`), `${currency} ${key}`).toHaveAttribute("data-amount", String(f[key]));
    }
  }

  // Disputes needing a response: nearest deadline first, the one under 72 hours in red.
  const queue = page.getByRole("table", { name: "Disputes needing a response, nearest deadline first" }).getByTestId("dispute-row");
  const dues = await queue.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-due") ?? ""));
  expect(dues.length).toBeGreaterThanOrEqual(2);
  expect([...dues].sort()).toEqual(dues);
  await expect(queue.first().getByTestId("due-countdown")).toHaveAttribute("data-urgent", "true");
  await expect(page.getByRole("link", { name: "Refund to avoid a dispute" }).first()).toBeVisible();
  await expect(page.getByRole("table", { name: "Recent failed payments" })).toBeVisible();
  // Payouts on their way are the ones Stripe holds pending or in transit, soonest first. Whether
  // the demo has one depends on the hour its story ends (Stripe pays out once a day, and the story
  // fails one payout): in the afternoon (UTC) none may be on its way, and the panel says so.
  const payouts = await listAll((p) => stripe.payouts.list(p));
  const onTheirWay = payouts
    .filter((p) => p.status === "pending" || p.status === "in_transit")
    .sort((a, b) => a.arrival_date - b.arrival_date)
    .slice(0, 5)
    .map((p) => p.id);
  if (onTheirWay.length === 0) {
    await expect(page.getByText("No payout on its way.")).toBeVisible();
  } else {
    const rows = page.getByRole("table", { name: "Payouts on their way, soonest first" }).getByTestId("payout-row");
    await expect(rows).toHaveCount(onTheirWay.length);
    // (Payouts of one arrival date may come in either order.)
    expect((await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-id") ?? ""))).sort()).toEqual([...onTheirWay].sort());
  }
});

test("payments: filters in the URL, search, keyset pages and the CSV export", async ({}, testInfo) => {
  await page.goto("/payments");
  const rows = page.getByTestId("payment-row");
  await expect(rows).toHaveCount(25);
  await screenshot("payments", testInfo);

  const created = async () => rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-created") ?? ""));
  const first = await created();
  expect([...first].sort().reverse()).toEqual(first);
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/after=/);
  const second = await created();
  expect(second[0]! <= first[first.length - 1]!).toBe(true);
  expect(second.filter((id) => first.includes(id))).toEqual([]);
  await page.goBack();
  await expect.poll(created).toEqual(first);

  await page.getByLabel("Status").selectOption("disputed");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/status=disputed/);
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) await expect(row.getByTestId("badge-disputed")).toBeVisible();

  await page.goto("/payments?status=failed");
  await expect(rows.first().getByTestId("badge-failed")).toBeVisible();

  const customer = (await stack!.stripe.customers.list({ limit: 1 })).data[0]!;
  await page.goto(`/payments?q=${encodeURIComponent(customer.email!.toUpperCase())}`);
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) await expect(row).toContainText(customer.email!);

  const csv = await page.request.get("/payments/export?currency=jpy");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trimEnd().split("\r\n");
  const jpyPayments = await listAll((p) => stack!.stripe.paymentIntents.list(p));
  expect(lines.length - 1).toBe(jpyPayments.filter((p) => p.currency === "jpy").length);
  expect(lines.slice(1).every((line) => line.split(",")[5] === "JPY")).toBe(true);
});

test("payment detail: a partly refunded payment lists Stripe's refunds and its timeline in order", async ({}, testInfo) => {
  await page.goto("/payments?status=partially_refunded");
  await page.getByTestId("payment-row").first().getByRole("link").first().click();
  await expect(page).toHaveURL(/\/payments\/pi_/);
  await expect(page.getByTestId("payment-status")).toHaveText("Partially refunded");
  const paymentId = new URL(page.url()).pathname.split("/").pop()!;
  const refunds = await listAll((p) => stack!.stripe.refunds.list({ ...p, payment_intent: paymentId }));
  expect(refunds.length).toBeGreaterThan(0);
  await expect(page.getByTestId("refunds").locator("tbody tr")).toHaveCount(refunds.length);
  const kinds = await timelineInOrder();
  expect(kinds.indexOf("payment_intent.succeeded")).toBeGreaterThanOrEqual(0);
  expect(kinds.indexOf("payment_intent.succeeded")).toBeLessThan(kinds.indexOf("charge.refunded"));
  await screenshot("payment-detail", testInfo);
});

test("refunds list shows pending, failed with its reason, and links to the payment", async ({}, testInfo) => {
  await page.goto("/refunds");
  await expect(page.getByTestId("refund-row").first()).toBeVisible();
  await screenshot("refunds", testInfo);
  await page.goto("/refunds?status=failed");
  await expect(page.getByTestId("refund-row")).toHaveCount(1);
  await expect(page.getByTestId("refund-row")).toContainText(/Expired or canceled card|failed/i);
  await page.goto("/refunds?status=pending");
  await expect(page.getByTestId("refund-row").first()).toBeVisible();
  await expect(page.getByTestId("refund-row").first().getByRole("link")).toHaveAttribute("href", /^\/payments\/pi_/);
});

test("disputes list: newest first, every state, urgent deadlines in red", async ({}, testInfo) => {
  await page.goto("/disputes");
  const rows = page.getByTestId("dispute-row");
  await expect(rows.first()).toBeVisible();
  await screenshot("disputes", testInfo);
  const created = await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-created") ?? ""));
  expect([...created].sort().reverse()).toEqual(created);
  const text = await page.getByTestId("disputes-table").innerText();
  for (const state of ["Needs response", "Under review", "Won", "Lost", "Inquiry: needs response"]) expect(text).toContain(state);
  await expect(page.locator('[data-testid="due-countdown"][data-urgent="true"]').first()).toHaveClass(/text-red/);
});

test("dispute detail: a won dispute's story reads in order, its submitted evidence read-only", async ({}, testInfo) => {
  await page.goto("/disputes?status=won");
  await expect(page.getByTestId("dispute-row")).toHaveCount(1);
  await page.getByTestId("dispute-row").getByRole("link").click();
  await expect(page).toHaveURL(/\/disputes\/(dp|du)_/);
  await expect(page.getByTestId("dispute-status")).toHaveText("Won");
  await expect(page.getByText("evidence submissions: 1")).toBeVisible();
  await expect(page.getByLabel("Anything else")).toHaveValue(/winning_evidence/);
  await expect(page.getByLabel("Anything else")).toBeDisabled();
  const kinds = await timelineInOrder();
  expect(kinds[0]).toBe("charge.dispute.created");
  expect(kinds.indexOf("charge.dispute.updated")).toBeGreaterThan(0);
  expect(kinds.indexOf("charge.dispute.updated")).toBeLessThan(kinds.indexOf("charge.dispute.closed"));
  await expect(page.getByTestId("timeline").locator('li[data-kind="charge.dispute.closed"]')).toContainText("Closed as won");
  await screenshot("dispute-detail", testInfo);
});

test("payouts: a paid payout reconciles to its amount; a failed one says why", async ({}, testInfo) => {
  await page.goto("/payouts");
  await expect(page.getByTestId("payout-row").first()).toBeVisible();
  await screenshot("payouts", testInfo);

  await page.goto("/payouts?status=failed");
  await expect(page.getByTestId("payout-row")).toHaveCount(1);
  await expect(page.getByTestId("payout-row")).toContainText(/closed|account/i);

  // Demo payouts are paid at midnight UTC and Stripe reconciles an automatic payout an hour later,
  // so from 00:00 to 01:00 UTC the newest paid payout has nothing to match yet: open the newest
  // one Stripe has reconciled.
  const paid = await listAll((p) => stack!.stripe.payouts.list({ ...p, status: "paid" }));
  const reconciled = paid.find((p) => p.automatic && p.reconciliation_status === "completed");
  expect(reconciled, "the demo has a reconciled automatic payout").toBeDefined();
  await page.goto("/payouts?status=paid");
  await page.locator(`[data-testid="payout-row"][data-id="${reconciled!.id}"]`).getByRole("link").click();
  await expect(page).toHaveURL(`${stack!.appUrl}/payouts/${reconciled!.id}`);
  const reconciliation = page.getByTestId("reconciliation");
  // Reconciled at Stripe moments ago, its webhook may still be on its way to the app.
  await expect(async () => {
    await page.reload();
    await expect(reconciliation).toHaveAttribute("data-matches", "true", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  const amount = await reconciliation.getAttribute("data-amount");
  expect(await reconciliation.getAttribute("data-net")).toBe(amount);
  await expect(page.getByTestId("reconciliation-ok")).toBeVisible();
  // The rows on the page add up too (a demo payout fits on one page); the payout's own
  // transaction is the other side of the ledger. An earlier failed payout's funds coming back
  // (a payout reversal) are part of the sum.
  const payoutId = new URL(page.url()).pathname.split("/").pop() ?? "";
  const nets = await page.getByTestId("payout-transaction-row").evaluateAll((rows, own) =>
    rows.filter((r) => r.getAttribute("data-source") !== own).map((r) => BigInt(r.getAttribute("data-net") ?? "0").toString()), payoutId);
  expect(nets.reduce((t, n) => t + BigInt(n), 0n).toString()).toBe(amount);
  await screenshot("payout-detail", testInfo);
});

test("customers: every demo customer, and one with its saved card, payments and a card link sent", async ({}, testInfo) => {
  await page.goto("/customers");
  const customers = await listAll((p) => stack!.stripe.customers.list(p));
  await expect(page.getByRole("table", { name: "Customers" }).locator("tbody tr")).toHaveCount(customers.length);
  await screenshot("customers", testInfo);

  const customer = customers.find((c) => c.name === "Ava Chen")!;
  await page.getByLabel("Search customers").fill(customer.email!);
  await page.getByRole("button", { name: "Apply" }).click();
  await page.getByRole("link", { name: "Ava Chen" }).click();
  await expect(page).toHaveURL(`/customers/${customer.id}`);
  await expect(page.getByTestId("saved-cards")).toContainText("4242");
  const payments = await listAll((p) => stack!.stripe.paymentIntents.list({ ...p, customer: customer.id }));
  const shown = page.getByRole("table", { name: "Payments of this customer" }).getByRole("link");
  // The newest 25 of the customer's payments.
  await expect(shown).toHaveCount(Math.min(25, payments.length));
  const ids = new Set(payments.map((p) => p.id));
  for (const href of await shown.evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""))) expect(ids.has(href.replace("/payments/", ""))).toBe(true);
  // A staff action, so the audit log has something of this run to show.
  await page.getByRole("button", { name: "Send card link" }).click();
  await expect(page.getByTestId("customer-link")).toBeVisible();
  await screenshot("customer-detail", testInfo);
});

test("audit: the card link just sent, by whom and for which customer, and the export before it", async ({}, testInfo) => {
  await page.goto("/audit");
  const rows = page.getByTestId("audit-log").locator("tbody tr");
  // Newest first: the card link, then the payments export of the payments test.
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("Payments exported");
  await expect(rows.first()).toContainText("Card link sent");
  await expect(rows.first()).toContainText("Ada Admin");
  await expect(rows.first().getByRole("link")).toHaveAttribute("href", /^\/customers\/cus_/);
  await screenshot("audit", testInfo);
});

test("events: every event of a type Stripe sent is listed and processed", async ({}, testInfo) => {
  await page.goto("/events");
  await expect(page.getByTestId("webhook-health")).toBeVisible();
  await expect(page.getByTestId("event-row").first()).toBeVisible();
  await screenshot("events", testInfo);

  const type = "charge.dispute.closed";
  const sent = await listAll((p) => stack!.stripe.events.list({ ...p, type }));
  expect(sent.length).toBeGreaterThan(0);
  await page.goto(`/events?type=${type}`);
  const rows = page.getByTestId("event-row");
  await expect(rows).toHaveCount(sent.length);
  const listed = await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-id") ?? ""));
  expect(listed.sort()).toEqual(sent.map((e) => e.id).sort());
  for (const row of await rows.all()) await expect(row).toContainText(/processed/i);
});

test("the merchant's time zone, and each person's own, change how dates read", async ({}, testInfo) => {
  await page.goto("/settings");
  await page.getByLabel("The merchant's time zone, for everyone who has not chosen their own").selectOption("Asia/Tokyo");
  await page.getByRole("button", { name: "Save time zone" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Asia/Tokyo" })).toBeVisible();
  await screenshot("settings", testInfo);
  await page.goto("/payments");
  await expect(page.getByText("Dates in Asia/Tokyo.")).toBeVisible();

  await page.goto("/settings");
  await page.getByLabel("Your time zone, for dates you read and day filters").selectOption("America/Santiago");
  await page.getByRole("button", { name: "Save my time zone" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Dates now show in America/Santiago." })).toBeVisible();
  await page.goto("/payments");
  await expect(page.getByText("Dates in America/Santiago.")).toBeVisible();
  await page.goto("/settings");
  await page.getByLabel("Your time zone, for dates you read and day filters").selectOption("");
  await page.getByRole("button", { name: "Save my time zone" }).click();
  await expect(page.getByRole("status").filter({ hasText: "follow the merchant's time zone (Asia/Tokyo)" })).toBeVisible();
});
