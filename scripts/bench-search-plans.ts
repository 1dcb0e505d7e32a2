// The one search's statements (lib/search/queries.ts) and the Payments list's name search, each
// with a term taken from the loaded data, run through EXPLAIN ANALYZE: the index each one reads and
// any sequential scan, so the page benchmark proves every search stays on an index as data grows.
// The Payments list's statements are built as the page builds them, after withSearchCustomers has
// counted the customers a term matches (its own statement is a line here too), so db() must be set.
import type { openDatabase } from "@/lib/database/connect";
import { Prisma } from "@/lib/generated/prisma/client";
import { paymentFiltersSchema, paymentsPageQuery, searchCustomersQuery, withSearchCustomers } from "@/lib/queries/payments";
import { customersByNameOrEmail, nameWords, objectsByIdPrefix, paymentsByAmount, paymentsByEmailPrefix, paymentsByLast4, type IdPrefix } from "@/lib/search/queries";

type Client = ReturnType<typeof openDatabase>["client"];

interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  "Relation Name"?: string;
  Plans?: PlanNode[];
}

function walk(node: PlanNode, seen: { indexes: Set<string>; seqScans: Set<string> }): void {
  if (node["Index Name"]) seen.indexes.add(node["Index Name"]);
  if (node["Node Type"] === "Seq Scan") seen.seqScans.add(node["Relation Name"] ?? "?");
  for (const child of node.Plans ?? []) walk(child, seen);
}

async function plan(client: Client, sql: Prisma.Sql): Promise<{ ms: number; indexes: string[]; seqScans: string[] }> {
  let raw: unknown;
  // The third run, so the figure is a warm cache's, as a person typing meets it.
  for (let i = 0; i < 3; i++) raw = (await client.$queryRawUnsafe<Array<{ "QUERY PLAN": unknown }>>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql.text}`, ...sql.values))[0]?.["QUERY PLAN"];
  const [top] = (typeof raw === "string" ? JSON.parse(raw) : raw) as Array<{ Plan: PlanNode; "Execution Time": number }>;
  const seen = { indexes: new Set<string>(), seqScans: new Set<string>() };
  walk(top!.Plan, seen);
  return { ms: top!["Execution Time"], indexes: [...seen.indexes].sort(), seqScans: [...seen.seqScans].sort() };
}

/** The Payments list's first page for a search term, as listPayments sends it. */
async function paymentsListStatement(q: string): Promise<Prisma.Sql> {
  return paymentsPageQuery(await withSearchCustomers(paymentFiltersSchema.parse({ q })), "UTC", null, 25);
}

/** A markdown table: one line per search statement. */
export async function searchPlans(client: Client): Promise<string> {
  const one = async <T>(sql: string) => (await client.$queryRawUnsafe<T[]>(sql))[0];
  const idOf = async (table: string) => (await one<{ id: string }>(`SELECT id FROM ${table} ORDER BY created DESC, id DESC OFFSET 10 LIMIT 1`))?.id ?? "";
  const customer = await one<{ name: string; email: string }>(`SELECT name, email FROM customers WHERE name IS NOT NULL AND email IS NOT NULL ORDER BY created DESC OFFSET (SELECT count(*) / 10 FROM customers) LIMIT 1`);
  const payment = await one<{ amount: bigint; card_last4: string }>(`SELECT amount, card_last4 FROM payment_intents WHERE currency = 'usd' AND card_last4 IS NOT NULL ORDER BY created DESC OFFSET 1000 LIMIT 1`);
  const name = customer?.name ?? "Customer";
  // One customer's whole name ("Customer 4213"), and the start of the word every name shares.
  const rareName = nameWords(name).join(" ");
  const commonWord = (nameWords(name)[0] ?? "x").slice(0, 5);
  const emailStart = (customer?.email ?? "x@").split("@")[0]!;
  // Three characters shorter: the start of a thousand customers' emails at a million payments.
  const sharedEmailStart = emailStart.slice(0, Math.max(2, emailStart.length - 3));
  const cents = payment?.amount ?? 1000n;
  const amountReadings = [
    { exponent: 2 as const, amount: cents },
    ...(cents % 100n === 0n ? [{ exponent: 0 as const, amount: cents / 100n }] : []),
    { exponent: 3 as const, amount: cents * 10n },
  ];

  const statements: Array<{ lookup: string; term: string; sql: Prisma.Sql | null }> = [];
  for (const [prefix, table] of [["pi_", "payment_intents"], ["ch_", "charges"], ["re_", "refunds"], ["dp_", "disputes"], ["po_", "payouts"], ["cus_", "customers"], ["evt_", "stripe_events"]] as const) {
    const id = (await idOf(table)).slice(0, prefix.length + 6);
    statements.push({ lookup: `${table} by id prefix`, term: id, sql: objectsByIdPrefix(prefix as IdPrefix, id) });
  }
  statements.push(
    { lookup: "customers by the words of one name", term: rareName, sql: customersByNameOrEmail(nameWords(rareName), null) },
    { lookup: "customers by a word every name shares", term: commonWord, sql: customersByNameOrEmail([commonWord], commonWord) },
    { lookup: "customers by email start", term: emailStart, sql: customersByNameOrEmail([], emailStart) },
    { lookup: "payments by customer email start", term: emailStart, sql: paymentsByEmailPrefix(emailStart) },
    { lookup: "payments by last 4", term: payment?.card_last4 ?? "4242", sql: paymentsByLast4(payment?.card_last4 ?? "4242") },
    { lookup: "payments by amount (each exponent's reading)", term: amountReadings.map((r) => `${r.amount}`).join(" / "), sql: paymentsByAmount(amountReadings) },
    { lookup: "Payments list: customers an email start matches (first step)", term: emailStart, sql: searchCustomersQuery(emailStart) },
    { lookup: "Payments list: one customer's name", term: rareName, sql: await paymentsListStatement(rareName) },
    { lookup: "Payments list: one customer's email start", term: emailStart, sql: await paymentsListStatement(emailStart) },
    { lookup: "Payments list: customers a shared email start matches (first step)", term: sharedEmailStart, sql: searchCustomersQuery(sharedEmailStart) },
    { lookup: "Payments list: an email start many customers share", term: sharedEmailStart, sql: await paymentsListStatement(sharedEmailStart) },
    { lookup: "Payments list: a word every name shares", term: commonWord, sql: await paymentsListStatement(commonWord) },
  );

  const lines = ["| search statement | term | SQL (server) | indexes read, sequential scans |", "| --- | --- | ---: | --- |"];
  for (const { lookup, term, sql } of statements) {
    if (!sql) continue;
    const { ms, indexes, seqScans } = await plan(client, sql);
    const scans = seqScans.length ? `; **sequential scan of ${seqScans.join(", ")}**` : "";
    lines.push(`| ${lookup} | \`${term}\` | ${ms.toFixed(2)} ms | ${indexes.join(", ") || "**none**"}${scans} |`);
  }
  return lines.join("\n");
}
