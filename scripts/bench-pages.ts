// npx tsx scripts/bench-pages.ts — p50/p95 server render per list page on the database
// DATABASE_URL names (load it first with scripts/load-scale.ts), next to the SQL time of each
// page's main query, plus first-load JS per route when a `next build` output exists. Prints markdown.
//
// "Server render" here is what a page does after the session check: read the merchant's time
// zone, run the page's queries through lib/, and render the page's table components to HTML with
// React's server renderer. The session check itself (one primary-key read of staff_users) and
// Next's framework overhead are not included. "SQL" is PostgreSQL's own execution time for the
// page's main statement (EXPLAIN ANALYZE), without the driver and client round trip.
//
//   BENCH_RUNS=30 (measured renders per scenario, after 3 warm-up renders)
//
// React is measured in its production build, as `next start` serves it: the script runs itself
// again with NODE_ENV=production when started without it.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { createElement, type ReactElement } from "react";
import { renderToString } from "react-dom/server";
import { DisputesTable } from "@/components/tables/disputes-table";
import { ActivityPanel, AttentionPanels, BalancePanel } from "@/components/tables/overview-panels";
import { PaymentsTable } from "@/components/tables/payments-table";
import { PayoutsTable, PayoutTransactionsTable } from "@/components/tables/payouts-table";
import { ReconciliationSummary } from "@/components/tables/reconciliation";
import { RefundsTable } from "@/components/tables/refunds-table";
import { openDatabase } from "@/lib/database/connect";
import { describeTarget, parseDatabaseUrl } from "@/lib/database/target";
import { setDatabaseConnection } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { DEFAULT_LOCALE, type ViewerFormat } from "@/lib/format";
import { auditList, auditFilterSchema } from "@/lib/audit/queries";
import { customerFiltersSchema, customersList } from "@/lib/customers/list";
import { countQuery } from "@/lib/listing/count";
import type { Cursor } from "@/lib/listing/keyset";
import { countList, listCountSource, listPage, listPageQuery, type ListFilters, type ListSource } from "@/lib/listing/list-query";
import { merchantTimeZone } from "@/lib/listing/time-zone";
import { loadOverview } from "@/lib/overview";
import { findPayout, listPayouts, listPayoutTransactions, payoutFiltersSchema, payoutsList, reconcilePayout } from "@/lib/payouts/queries";
import { disputeFiltersSchema, disputesList, disputesPageQuery, listDisputes } from "@/lib/queries/disputes";
import { listPayments, paymentFiltersSchema, paymentsList, paymentsPageQuery } from "@/lib/queries/payments";
import { listRefunds, refundFiltersSchema, refundsList, refundsPageQuery } from "@/lib/queries/refunds";
import { eventFiltersSchema, eventsList } from "@/lib/webhooks/event-log";
import { percentile } from "@/tests/support/percentile";
import { searchPlans } from "./bench-search-plans";

type Client = ReturnType<typeof openDatabase>["client"];

interface Scenario {
  name: string;
  render: () => Promise<ReactElement>;
  /** The page's main statement, for EXPLAIN ANALYZE. */
  sql?: Prisma.Sql;
}

const RUNS = Number(process.env.BENCH_RUNS ?? "30");

async function sqlMs(client: Client, sql: Prisma.Sql): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const rows = await client.$queryRawUnsafe<Array<{ "QUERY PLAN": unknown }>>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql.text}`, ...sql.values);
    const plan = rows[0]?.["QUERY PLAN"];
    const parsed = (typeof plan === "string" ? JSON.parse(plan) : plan) as Array<{ "Execution Time": number }>;
    times.push(parsed[0]?.["Execution Time"] ?? NaN);
  }
  times.sort((a, b) => a - b);
  return percentile(times, 50);
}

async function cursorAt(client: Client, table: string, offset: number): Promise<Cursor | null> {
  // OFFSET only here, once, to find a deep position to start from.
  const rows = await client.$queryRawUnsafe<Cursor[]>(`SELECT created, id FROM ${table} ORDER BY created DESC, id DESC OFFSET ${offset} LIMIT 1`);
  return rows[0] ?? null;
}

async function scenarios(client: Client): Promise<Scenario[]> {
  const timeZone = await merchantTimeZone();
  const now = new Date();
  const count = async (table: string) => Number((await client.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM ${table}`))[0]?.n ?? 0);
  const [payments, refunds, disputes, payouts] = await Promise.all(["payment_intents", "refunds", "disputes", "payouts"].map(count));
  const deepPayment = await cursorAt(client, "payment_intents", Math.floor((payments ?? 0) * 0.9));
  const deepRefund = await cursorAt(client, "refunds", Math.floor((refunds ?? 0) * 0.9));
  const deepDispute = await cursorAt(client, "disputes", Math.floor((disputes ?? 0) * 0.9));
  const deepPayout = await cursorAt(client, "payouts", Math.floor((payouts ?? 0) * 0.9));
  const sample = (await client.$queryRawUnsafe<Array<{ id: string; latest_charge_id: string | null; customer_email: string | null }>>(
    `SELECT id, latest_charge_id, customer_email FROM payment_intents WHERE latest_charge_id IS NOT NULL AND customer_email IS NOT NULL ORDER BY created DESC, id DESC OFFSET 5000 LIMIT 1`,
  ))[0];
  const paidPayout = (await client.$queryRawUnsafe<Array<{ id: string }>>(`SELECT id FROM payouts WHERE status = 'paid' ORDER BY created DESC, id DESC LIMIT 1`))[0];
  const day = (offsetDays: number) => new Date(now.getTime() - offsetDays * 86_400_000).toISOString().slice(0, 10);

  const paymentPage = (name: string, raw: Record<string, string>, cursor: Cursor | null = null): Scenario => {
    const filters = paymentFiltersSchema.parse(raw);
    return {
      name: `Payments: ${name}`,
      sql: paymentsPageQuery(filters, timeZone, cursor, 25),
      render: async () => {
        const viewer: ViewerFormat = { locale: DEFAULT_LOCALE, timeZone: await merchantTimeZone() };
        const tz = viewer.timeZone;
        const page = await listPayments(filters, { timeZone: tz, cursor });
        return createElement(PaymentsTable, { rows: page.rows, viewer });
      },
    };
  };

  const list: Scenario[] = [
    {
      name: "Overview (balance excluded)",
      render: async () => {
        const viewer: ViewerFormat = { locale: DEFAULT_LOCALE, timeZone: await merchantTimeZone() };
        const tz = viewer.timeZone;
        const overview = await loadOverview({ timeZone: tz, now });
        return createElement("div", null, createElement(BalancePanel, { balance: overview.balance, viewer }), createElement(ActivityPanel, { activity: overview.activity, viewer }), createElement(AttentionPanels, { overview, viewer, now }));
      },
    },
    paymentPage("first page", {}),
    paymentPage("deep page (90% down)", {}, deepPayment),
    paymentPage("status succeeded", { status: "succeeded" }),
    paymentPage("status failed", { status: "failed" }),
    paymentPage("status needs authentication", { status: "needs_authentication" }),
    paymentPage("status refunded", { status: "refunded" }),
    paymentPage("status partially refunded", { status: "partially_refunded" }),
    paymentPage("status disputed", { status: "disputed" }),
    paymentPage("status early fraud warning", { status: "early_fraud_warning" }),
    paymentPage("status disputed, deep page", { status: "disputed" }, deepPayment),
    paymentPage("currency JPY", { currency: "jpy" }),
    paymentPage("date range (7 days, 60 days ago)", { from: day(60), to: day(53) }),
    paymentPage("amount range USD 100–200", { currency: "usd", min: "100", max: "200" }),
    paymentPage("amount range USD 2400–2500 (narrow)", { currency: "usd", min: "2400", max: "2500" }),
    paymentPage("search payment id", { q: sample?.id ?? "pi_missing" }),
    paymentPage("search charge id", { q: sample?.latest_charge_id ?? "ch_missing" }),
    paymentPage("search customer email", { q: sample?.customer_email ?? "nobody@example.com" }),
    paymentPage("search last 4", { q: "4242" }),
  ];
  for (const [name, raw, cursor] of [["first page", {}, null], ["deep page (90% down)", {}, deepRefund], ["status failed", { status: "failed" }, null]] as const) {
    const filters = refundFiltersSchema.parse(raw);
    list.push({
      name: `Refunds: ${name}`,
      sql: refundsPageQuery(filters, timeZone, cursor, 25),
      render: async () => {
        const viewer: ViewerFormat = { locale: DEFAULT_LOCALE, timeZone: await merchantTimeZone() };
        const tz = viewer.timeZone;
        const page = await listRefunds(filters, { timeZone: tz, cursor });
        return createElement(RefundsTable, { rows: page.rows, viewer });
      },
    });
  }
  for (const [name, raw, cursor] of [["first page", {}, null], ["deep page (90% down)", {}, deepDispute], ["status needs response", { status: "needs_response" }, null]] as const) {
    const filters = disputeFiltersSchema.parse(raw);
    list.push({
      name: `Disputes: ${name}`,
      sql: disputesPageQuery(filters, cursor, 25),
      render: async () => {
        const viewer: ViewerFormat = { locale: DEFAULT_LOCALE, timeZone: await merchantTimeZone() };
        const page = await listDisputes(filters, { cursor });
        return createElement(DisputesTable, { rows: page.rows, viewer, now });
      },
    });
  }
  for (const [name, cursor] of [["first page", null], ["deep page (90% down)", deepPayout]] as const) {
    list.push({
      name: `Payouts: ${name}`,
      render: async () => {
        const viewer: ViewerFormat = { locale: DEFAULT_LOCALE, timeZone: await merchantTimeZone() };
        const page = await listPayouts(payoutFiltersSchema.parse({}), { cursor });
        return createElement(PayoutsTable, { rows: page.rows, viewer });
      },
    });
  }
  // Each list filtered, in a date range and sorted on an indexed column: its page (SQL: the page
  // statement) and its bounded count (SQL: the count statement), as the page runs both.
  const filteredList = <F extends ListFilters>(name: string, source: ListSource<F>, filters: F) => {
    const context = { timeZone, locale: DEFAULT_LOCALE };
    list.push(
      {
        name: `${name}: page`,
        sql: listPageQuery(source, filters, context, null, 25),
        render: async () => {
          const [page, total] = await Promise.all([listPage<{ id: string; created: Date }, F>(source, filters, context), countList(source, filters, context)]);
          return createElement("ul", { "data-count": total.value }, ...page.rows.map((r) => createElement("li", { key: r.id }, r.id)));
        },
      },
      { name: `${name}: count`, sql: countQuery(listCountSource(source, filters, context)), render: async () => createElement("p", null, String((await countList(source, filters, context)).value)) },
    );
  };
  filteredList("Payments succeeded USD, largest first", paymentsList, paymentFiltersSchema.parse({ status: "succeeded", currency: "usd", sort: "largest" }));
  filteredList("Payments 30 days, oldest first", paymentsList, paymentFiltersSchema.parse({ from: day(30), to: day(1), sort: "oldest" }));
  filteredList("Refunds USD 30 days, largest first", refundsList, refundFiltersSchema.parse({ currency: "usd", from: day(30), to: day(1), sort: "largest" }));
  filteredList("Disputes fraudulent, smallest first", disputesList, disputeFiltersSchema.parse({ reason: "fraudulent", sort: "smallest" }));
  filteredList("Payouts paid USD, largest first", payoutsList, payoutFiltersSchema.parse({ status: "paid", currency: "usd", sort: "largest" }));
  filteredList("Customers 30 days, oldest first", customersList, customerFiltersSchema.parse({ from: day(30), to: day(1), sort: "oldest" }));
  filteredList("Events processed 7 days, oldest first", eventsList, eventFiltersSchema.parse({ status: "processed", from: day(7), to: day(1), sort: "oldest" }));
  filteredList("Audit succeeded 30 days, oldest first", auditList, auditFilterSchema.parse({ status: "succeeded", from: day(30), to: day(0), sort: "oldest" }));
  if (paidPayout) {
    list.push({
      name: "Payout detail with reconciliation",
      sql: Prisma.sql`SELECT type, count(*), sum(amount), sum(fee), sum(net) FROM balance_transactions WHERE payout_id = ${paidPayout.id} GROUP BY type`,
      render: async () => {
        const viewer: ViewerFormat = { locale: DEFAULT_LOCALE, timeZone: await merchantTimeZone() };
        const payout = (await findPayout(paidPayout.id))!;
        const [reconciliation, transactions] = await Promise.all([reconcilePayout(payout), listPayoutTransactions(payout.id)]);
        return createElement("div", null, createElement(ReconciliationSummary, { payout, reconciliation, viewer }), createElement(PayoutTransactionsTable, { rows: transactions.rows, viewer }));
      },
    });
  }
  return list;
}

/**
 * First-load JS per route from a `next build` output (BENCH_NEXT_DIR, default .next): the root
 * main chunks every page loads plus the chunks the route's client reference manifest lists for its
 * layouts and page. Sizes as served (uncompressed) and gzipped.
 */
function firstLoadJs(): string {
  const nextDir = process.env.BENCH_NEXT_DIR ?? ".next";
  const appDir = path.join(nextDir, "server", "app");
  if (!existsSync(path.join(nextDir, "build-manifest.json"))) return `No build output in ${nextDir}; run \`next build\` first to get first-load JS per route.\n`;
  const buildManifest = JSON.parse(readFileSync(path.join(nextDir, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const sizes = new Map<string, { raw: number; gzip: number }>();
  const size = (file: string) => {
    let known = sizes.get(file);
    if (!known) {
      const full = path.join(nextDir, file);
      const bytes = existsSync(full) ? readFileSync(full) : Buffer.alloc(0);
      known = { raw: bytes.length, gzip: bytes.length ? gzipSync(bytes).length : 0 };
      sizes.set(file, known);
    }
    return known;
  };
  const rows: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === "page_client-reference-manifest.js") {
        const holder = { __RSC_MANIFEST: {} as Record<string, { entryJSFiles?: Record<string, string[]> }> };
        new Function("globalThis", "self", readFileSync(full, "utf8"))(holder, holder);
        for (const [route, manifest] of Object.entries(holder.__RSC_MANIFEST)) {
          const files = new Set([...buildManifest.rootMainFiles, ...Object.values(manifest.entryJSFiles ?? {}).flat()]);
          const total = [...files].reduce((t, f) => ({ raw: t.raw + size(f).raw, gzip: t.gzip + size(f).gzip }), { raw: 0, gzip: 0 });
          const shown = route.replace(/\/page$/, "").replace(/\/\([^)]+\)/g, "") || "/";
          rows.push(`| ${shown} | ${files.size} | ${(total.raw / 1024).toFixed(0)} kB | ${(total.gzip / 1024).toFixed(0)} kB |`);
        }
      }
    }
  };
  walk(appDir);
  return ["| route | chunks | first-load JS | gzipped |", "| --- | ---: | ---: | ---: |", ...rows.sort()].join("\n") + "\n";
}

async function main(): Promise<void> {
  if (process.env.NODE_ENV !== "production") {
    const child = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
    process.exit(child.status ?? 1);
  }
  const target = parseDatabaseUrl(process.env.DATABASE_URL);
  const connection = openDatabase(target);
  setDatabaseConnection(connection);
  const client = connection.client;
  try {
    const counts = await client.$queryRawUnsafe<Array<Record<string, bigint>>>(
      `SELECT (SELECT count(*) FROM payment_intents) AS payments, (SELECT count(*) FROM charges) AS charges, (SELECT count(*) FROM refunds) AS refunds,
              (SELECT count(*) FROM disputes) AS disputes, (SELECT count(*) FROM payouts) AS payouts, (SELECT count(*) FROM customers) AS customers,
              (SELECT count(*) FROM balance_transactions) AS balance_transactions`,
    );
    const list = await scenarios(client);
    const lines = [
      `### ${describeTarget(target)}`,
      "",
      `Rows: ${Object.entries(counts[0] ?? {}).map(([k, v]) => `${k} ${Number(v).toLocaleString("en-US")}`).join(", ")}. ${RUNS} renders per page after 3 warm-up renders.`,
      "",
      "| page | render p50 | render p95 | main query SQL (server) | HTML |",
      "| --- | ---: | ---: | ---: | ---: |",
    ];
    for (const scenario of list) {
      let html = "";
      for (let i = 0; i < 3; i++) html = renderToString(await scenario.render());
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        html = renderToString(await scenario.render());
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const sql = scenario.sql ? `${(await sqlMs(client, scenario.sql)).toFixed(2)} ms` : "—";
      const line = `| ${scenario.name} | ${percentile(times, 50).toFixed(1)} ms | ${percentile(times, 95).toFixed(1)} ms | ${sql} | ${(html.length / 1024).toFixed(0)} kB |`;
      lines.push(line);
      console.error(line);
    }
    lines.push("", "#### Search: the plan of each statement", "", await searchPlans(client));
    lines.push("", "#### First-load JS", "", firstLoadJs());
    console.log(lines.join("\n"));
  } finally {
    setDatabaseConnection(null);
    await connection.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
