// npx tsx scripts/bench-pages-http.ts — every dashboard page served by the production build
// (`next start`, run `next build` first) on the database DATABASE_URL names, loaded with
// scripts/load-scale.ts: p50/p95 of the whole response (first byte to last, streamed parts
// included) for a signed-in Analyst, list pages, deep pages, filters, searches and detail pages.
// Unlike scripts/bench-pages.ts this includes everything a request costs: the session check, the
// role read, Next's routing and rendering, the layout, and the overview's balance read from the
// Stripe emulator (started in this process). Prints markdown.
//
//   BENCH_RUNS=30 (measured requests per page, after 3 warm-up requests)
import { startEmulator } from "@/emulator/server";
import { hashPassword } from "@/lib/auth/password";
import { openDatabase } from "@/lib/database/connect";
import { describeTarget, parseDatabaseUrl } from "@/lib/database/target";
import { encodeCursor, type Cursor } from "@/lib/listing/keyset";
import { startNextApp, type AppProcess } from "@/tests/support/app-process";
import { requireProductionBuild } from "@/tests/support/suite-entries";
import { signInOverHttp } from "@/tests/support/http-sign-in";
import { percentile } from "@/tests/support/percentile";

const RUNS = Number(process.env.BENCH_RUNS ?? "30");
const TARGET_P95_MS = 150;
// The search box answers while a person types (issue 18: under 100 ms at a million payments).
const SEARCH_TARGET_P95_MS = 100;
const EMAIL = "bench-pages@ledgerline.test";
const PASSWORD = "bench-pages-password-0123";

interface PageUnderTest {
  name: string;
  path: string;
  /** Text the page must contain, so a sign-in page or an error page is never timed as a success. */
  expect: string;
}

/** Next's floor on this machine: a route handler answering from one trivial database read. */
/** A list page that applied its filters shows their count. */
const COUNTED = 'data-testid="list-count"';

const BASELINE: PageUnderTest = { name: "baseline: GET /api/health (no page, one trivial query)", path: "/api/health", expect: "reachable" };

/** Sample ids and deep cursors, read before the app starts (PGlite has one owner at a time). */
async function preparePages(databaseUrl: string): Promise<PageUnderTest[]> {
  const connection = openDatabase(parseDatabaseUrl(databaseUrl));
  const client = connection.client;
  try {
    await client.$executeRawUnsafe(
      // An Analyst reads every page; an Administrator must first set up a second factor, and the
      // pages would answer with a redirect to that instead.
      `INSERT INTO staff_users (email, name, roles, password_hash)
       VALUES ($1, 'Page benchmark', '{analyst}', $2)
       ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash, roles = '{analyst}', disabled_at = NULL`,
      EMAIL,
      await hashPassword(PASSWORD),
    );
    const one = async <T>(sql: string) => (await client.$queryRawUnsafe<T[]>(sql))[0];
    const deep = async (table: string): Promise<string> => {
      const rows = (await one<{ n: bigint }>(`SELECT count(*) AS n FROM ${table}`))?.n ?? 0n;
      // OFFSET only here, once, to find a deep position to start from.
      const at = await one<Cursor>(`SELECT created, id FROM ${table} ORDER BY created DESC, id DESC OFFSET ${Math.floor(Number(rows) * 0.9)} LIMIT 1`);
      return at ? `after=${encodeCursor(at)}` : "";
    };
    const payment = await one<{ id: string; latest_charge_id: string; customer_email: string }>(
      `SELECT id, latest_charge_id, customer_email FROM payment_intents WHERE latest_charge_id IS NOT NULL AND customer_email IS NOT NULL ORDER BY created DESC, id DESC OFFSET 5000 LIMIT 1`,
    );
    const refunded = await one<{ payment_intent_id: string }>(`SELECT payment_intent_id FROM refunds WHERE payment_intent_id IS NOT NULL ORDER BY created DESC LIMIT 1 OFFSET 100`);
    const dispute = await one<{ id: string }>(`SELECT id FROM disputes WHERE status = 'needs_response' ORDER BY created DESC LIMIT 1`);
    const payout = await one<{ id: string }>(`SELECT id FROM payouts WHERE status = 'paid' ORDER BY created DESC, id DESC LIMIT 1`);
    const customer = await one<{ id: string; email: string; name: string }>(
      `SELECT id, email, name FROM customers WHERE email IS NOT NULL AND name IS NOT NULL ORDER BY created DESC OFFSET (SELECT count(*) / 10 FROM customers) LIMIT 1`,
    );
    const busyCustomer = await one<{ customer_id: string }>(`SELECT customer_id FROM payment_intents WHERE customer_id IS NOT NULL GROUP BY customer_id ORDER BY count(*) DESC LIMIT 1`);
    const day = (offsetDays: number) => new Date(Date.now() - offsetDays * 86_400_000).toISOString().slice(0, 10);
    const [deepPayments, deepRefunds, deepDisputes, deepPayouts, deepEvents] = [
      await deep("payment_intents"), await deep("refunds"), await deep("disputes"), await deep("payouts"), await deep("stripe_events"),
    ];
    const event = await one<{ id: string }>(`SELECT id FROM stripe_events ORDER BY created DESC, id DESC OFFSET 1000 LIMIT 1`);
    const pages: PageUnderTest[] = [
      { name: "Overview", path: "/", expect: "Overview" },
      { name: "Payments: first page", path: "/payments", expect: "Payments" },
      { name: "Payments: deep page (90% down)", path: `/payments?${deepPayments}`, expect: "older page" },
      { name: "Payments: status failed", path: "/payments?status=failed", expect: "Payments" },
      { name: "Payments: status disputed", path: "/payments?status=disputed", expect: "Payments" },
      { name: "Payments: status partially refunded, deep", path: `/payments?status=partially_refunded&${deepPayments}`, expect: "Payments" },
      { name: "Payments: date range (7 days, 60 days ago)", path: `/payments?from=${day(60)}&to=${day(53)}`, expect: "Payments" },
      { name: "Payments: amount range USD 2400–2500", path: "/payments?currency=usd&min=2400&max=2500", expect: "Payments" },
      { name: "Payments: search payment id", path: `/payments?q=${payment!.id}`, expect: payment!.id },
      { name: "Payments: search charge id", path: `/payments?q=${payment!.latest_charge_id}`, expect: payment!.id },
      { name: "Payments: search customer email", path: `/payments?q=${encodeURIComponent(payment!.customer_email)}`, expect: payment!.customer_email },
      { name: "Payments: search last 4", path: "/payments?q=4242", expect: "4242" },
      { name: "Payments: search a name word nobody has", path: "/payments?q=zebedee", expect: "Payments" },
      { name: "Payment detail", path: `/payments/${payment!.id}`, expect: payment!.id },
      { name: "Payment detail with refunds", path: `/payments/${refunded!.payment_intent_id}`, expect: "Refunds" },
      { name: "Refunds: first page", path: "/refunds", expect: "Refunds" },
      { name: "Refunds: deep page (90% down)", path: `/refunds?${deepRefunds}`, expect: "older page" },
      { name: "Refunds: status failed", path: "/refunds?status=failed", expect: "Refunds" },
      { name: "Disputes: first page", path: "/disputes", expect: "Disputes" },
      { name: "Disputes: deep page (90% down)", path: `/disputes?${deepDisputes}`, expect: "older page" },
      { name: "Disputes: needs response", path: "/disputes?status=needs_response", expect: "Disputes" },
      { name: "Dispute detail", path: `/disputes/${dispute!.id}`, expect: dispute!.id },
      { name: "Dispute analytics (last 90 days)", path: "/disputes/analytics", expect: "Dispute analytics" },
      { name: "Payouts: first page", path: "/payouts", expect: "Payouts" },
      { name: "Payouts: deep page (90% down)", path: `/payouts?${deepPayouts}`, expect: "older page" },
      { name: "Payout detail with reconciliation", path: `/payouts/${payout!.id}`, expect: payout!.id },
      { name: "Customers: first page", path: "/customers", expect: "Customers" },
      { name: "Customers: search email", path: `/customers?q=${encodeURIComponent(customer!.email)}`, expect: customer!.email },
      { name: "Customers: search name prefix", path: `/customers?q=${encodeURIComponent(customer!.name.slice(0, 6))}`, expect: "Customers" },
      { name: "Customers: search name prefix, no match", path: "/customers?q=Zzqx", expect: "No customer matches" },
      { name: "Customers: search id", path: `/customers?q=${customer!.id}`, expect: customer!.id },
      { name: "Customer detail (most payments)", path: `/customers/${busyCustomer!.customer_id}`, expect: busyCustomer!.customer_id },
      { name: "Events: first page", path: "/events", expect: "Events" },
      { name: "Events: deep page (90% down)", path: `/events?${deepEvents}`, expect: "Events" },
      { name: "Events: type charge.refunded", path: "/events?type=charge.refunded", expect: "charge.refunded" },
      { name: "Events: one charge's events", path: `/events?object=${payment!.latest_charge_id}`, expect: "payment_intent" },
      ...(event ? [{ name: "Event detail", path: `/events/${event.id}`, expect: event.id }] : []),
      { name: "Audit log", path: "/audit", expect: "Audit" },
      // Each list filtered, in a date range and sorted on an indexed column, with its count.
      { name: "Payments: succeeded USD, largest first", path: "/payments?status=succeeded&currency=usd&sort=largest", expect: COUNTED },
      { name: "Payments: 30 days, oldest first", path: `/payments?from=${day(30)}&to=${day(1)}&sort=oldest`, expect: COUNTED },
      { name: "Refunds: USD, 30 days, largest first", path: `/refunds?currency=usd&from=${day(30)}&to=${day(1)}&sort=largest`, expect: COUNTED },
      { name: "Disputes: fraudulent, smallest first", path: "/disputes?reason=fraudulent&sort=smallest", expect: COUNTED },
      { name: "Payouts: paid USD, largest first", path: "/payouts?status=paid&currency=usd&sort=largest", expect: COUNTED },
      { name: "Customers: 30 days, oldest first", path: `/customers?from=${day(30)}&to=${day(1)}&sort=oldest`, expect: COUNTED },
      { name: "Events: processed, 7 days, oldest first", path: `/events?status=processed&from=${day(7)}&to=${day(1)}&sort=oldest`, expect: COUNTED },
      { name: "Audit: succeeded, 30 days, oldest first", path: `/audit?status=succeeded&from=${day(30)}&to=${day(0)}&sort=oldest`, expect: COUNTED },
      // The shell's one search, as the palette asks it while a person types.
      { name: "Search: payment id prefix", path: `/api/search?q=${payment!.id.slice(0, 10)}`, expect: payment!.id.slice(0, 10) },
      { name: "Search: a customer's name", path: `/api/search?q=${encodeURIComponent(customer!.name)}`, expect: customer!.id },
      { name: "Search: a word every name shares", path: `/api/search?q=${encodeURIComponent(customer!.name.slice(0, 5))}`, expect: "Customers" },
      { name: "Search: start of an email", path: `/api/search?q=${encodeURIComponent(customer!.email.split("@")[0]!)}`, expect: customer!.id },
      { name: "Search: last 4", path: "/api/search?q=4242", expect: "groups" },
      { name: "Search: a name word nobody has", path: "/api/search?q=zebedee", expect: "groups" },
      { name: "Search: amount", path: "/api/search?q=24.50", expect: "groups" },
      { name: "Settings", path: "/settings", expect: "Settings" },
    ];
    return pages;
  } finally {
    await connection.close();
  }
}

async function timeRequest(url: string, cookie: string, page: PageUnderTest): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(`${url}${page.path}`, { headers: { cookie }, redirect: "manual" });
  const body = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`${page.name}: ${page.path} answered ${response.status}`);
  if (!body.includes(page.expect)) throw new Error(`${page.name}: ${page.path} does not show "${page.expect}"`);
  return { ms, bytes: body.length };
}

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL ?? "";
  const target = parseDatabaseUrl(databaseUrl);
  const pages = await preparePages(databaseUrl);
  requireProductionBuild();
  const emulator = await startEmulator({ port: 0, dataDir: null });
  let app: AppProcess | null = null;
  try {
    app = await startNextApp({ DATABASE_URL: databaseUrl, STRIPE_EMULATOR_URL: emulator.url, STRIPE_EMULATOR_SECRET_KEY: emulator.keys.secret, NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: emulator.keys.publishable });
    const url = app.url;
    const cookie = await signInOverHttp(url, EMAIL, PASSWORD);
    const lines = [
      `### ${describeTarget(target)}, through \`next start\``,
      "",
      `${RUNS} sequential requests per page after 3 warm-up requests, signed in as an Analyst (every page, no second factor owed); time from sending the request to the last byte of the streamed page. Baseline: the health route in the same server, same run.`,
      "",
      "| page | p50 | p95 | max | HTML | p50 ÷ baseline p50 | p95 ÷ baseline p95 | p95 under target (150 ms, search 100 ms) |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | :---: |",
    ];
    let baseline = NaN;
    let baselineP95 = NaN;
    const over: string[] = [];
    for (const page of [BASELINE, ...pages]) {
      for (let i = 0; i < 3; i++) await timeRequest(url, cookie, page);
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < RUNS; i++) {
        const measured = await timeRequest(url, cookie, page);
        times.push(measured.ms);
        bytes = measured.bytes;
      }
      times.sort((a, b) => a - b);
      const [p50, p95] = [percentile(times, 50), percentile(times, 95)];
      if (page === BASELINE) [baseline, baselineP95] = [p50, p95];
      const target = page.name.startsWith("Search:") ? SEARCH_TARGET_P95_MS : TARGET_P95_MS;
      if (page !== BASELINE && p95 >= target) over.push(page.name);
      const line = `| ${page.name} | ${p50.toFixed(1)} ms | ${p95.toFixed(1)} ms | ${times[times.length - 1]!.toFixed(1)} ms | ${(bytes / 1024).toFixed(0)} kB | ${(p50 / baseline).toFixed(1)}× | ${(p95 / baselineP95).toFixed(1)}× | ${p95 < target ? "yes" : "**no**"} |`;
      lines.push(line);
      console.error(line);
    }
    lines.push("", over.length === 0 ? `Every page answered under its target at p95.` : `Over the target at p95: ${over.join(", ")}.`);
    console.log(lines.join("\n"));
  } finally {
    await app?.stop();
    await emulator.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
