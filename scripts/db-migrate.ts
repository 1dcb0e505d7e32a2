// npm run db:migrate — applies pending migrations to the database DATABASE_URL names
// (the embedded .data/pglite when unset) and prints what it applied.
import { openDatabase } from "../lib/database/connect";
import { describeTarget, parseDatabaseUrl } from "../lib/database/target";
import { applyMigrations } from "../lib/migrations/apply";

async function main(): Promise<void> {
  const started = performance.now();
  const target = parseDatabaseUrl(process.env.DATABASE_URL);
  const connection = openDatabase(target);
  try {
    const applied = await applyMigrations(connection.adapterFactory);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (applied.length === 0) console.log(`${describeTarget(target)}: up to date, no migration applied (${seconds} s)`);
    else {
      console.log(`${describeTarget(target)}: applied ${applied.length} migration(s) in ${seconds} s`);
      for (const name of applied) console.log(`  ${name}`);
    }
  } finally {
    await connection.close();
  }
}

// The schema engine keeps timers alive for several seconds after its work is done: exit explicitly.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
