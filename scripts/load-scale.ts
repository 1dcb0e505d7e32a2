// npx tsx scripts/load-scale.ts — loads a large merchant straight into the database DATABASE_URL names
// (1,000,000 payments with their charges, 100,000 refunds, 10,000 disputes, 5,000 payouts,
// 200,000 customers, and 1,100,000 webhook events on the payments', charges' and refunds'
// timelines), for measuring the pages at scale. Not for a database that mirrors a real
// Stripe account: these rows exist nowhere at Stripe.
//
//   SCALE_FACTOR=0.1 shrinks every count (a quick try-out); --force loads even if scale rows exist.
import { openDatabase } from "@/lib/database/connect";
import { describeTarget, parseDatabaseUrl } from "@/lib/database/target";
import { applyMigrations } from "@/lib/migrations/apply";
import { SCALE, scaleStatements, type ScaleCounts } from "@/lib/reports/scale-data";

const BATCH = 50_000;

function counts(): ScaleCounts {
  const factor = Number(process.env.SCALE_FACTOR ?? "1");
  if (!(factor > 0 && factor <= 10)) throw new Error("SCALE_FACTOR must be a number in (0, 10]");
  const scaled = (n: number) => Math.max(1, Math.round(n * factor));
  return {
    payments: scaled(SCALE.payments),
    refunds: Math.min(scaled(SCALE.refunds), Math.floor(scaled(SCALE.payments) / 10)),
    disputes: Math.min(scaled(SCALE.disputes), Math.floor(scaled(SCALE.payments) / 100)),
    payouts: Math.max(3, scaled(SCALE.payouts)),
    customers: scaled(SCALE.customers),
  };
}

async function main(): Promise<void> {
  const target = parseDatabaseUrl(process.env.DATABASE_URL);
  const connection = openDatabase(target);
  const client = connection.client;
  const started = performance.now();
  try {
    await applyMigrations(connection.adapterFactory);
    const existing = await client.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM payment_intents WHERE id LIKE 'pi_s%' LIMIT 1) x`);
    if ((existing[0]?.n ?? 0) > 0 && !process.argv.includes("--force")) {
      console.log(`${describeTarget(target)} already holds scale rows; nothing loaded (pass --force to load again into an emptied database).`);
      return;
    }
    const wanted = counts();
    console.log(`Loading into ${describeTarget(target)}: ${JSON.stringify(wanted)}`);
    const loadStart = new Date().toISOString();
    for (const statement of scaleStatements(wanted, loadStart)) {
      const t0 = performance.now();
      const first = statement.first;
      const last = first + statement.total - 1;
      for (let from = first; from <= last; from += BATCH) {
        await client.$executeRawUnsafe(statement.sql(from, Math.min(from + BATCH - 1, last)));
        process.stdout.write(`\r  ${statement.table}: ${Math.min(from + BATCH - first, statement.total).toLocaleString("en-US")} / ${statement.total.toLocaleString("en-US")}`);
      }
      process.stdout.write(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
    }
    const t0 = performance.now();
    await client.$executeRawUnsafe("VACUUM ANALYZE");
    console.log(`  vacuum analyze (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    console.log(`Done in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  } finally {
    await connection.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
