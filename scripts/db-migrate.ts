// npm run db:migrate — applies pending migrations to the database DATABASE_URL names
// (the embedded .data/pglite when unset) and prints what it applied.
// npm run db:migrate -- --rolled-back <name> — after a migration failed and its SQL was fixed:
// marks the failed attempt rolled back, then applies it again with the others.
import { parseArgs } from "node:util";

import { z } from "zod";

import { openDatabase } from "../lib/database/connect";
import { describeTarget, parseDatabaseUrl } from "../lib/database/target";
import { applyMigrations, markMigrationRolledBack } from "../lib/migrations/apply";

const Args = z.object({
  "rolled-back": z.string().regex(/^\d{14}_[a-z0-9_]+$/, "--rolled-back takes a migration directory name").optional(),
});

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { "rolled-back": { type: "string" } } });
  const parsed = Args.safeParse(values);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join("\n"));

  const started = performance.now();
  const target = parseDatabaseUrl(process.env.DATABASE_URL);
  const connection = openDatabase(target);
  try {
    const rolledBack = parsed.data["rolled-back"];
    if (rolledBack) {
      await markMigrationRolledBack(connection.adapterFactory, rolledBack);
      console.log(`${describeTarget(target)}: marked ${rolledBack} rolled back`);
    }
    const applied = await applyMigrations(connection.adapterFactory).catch((error: unknown) => {
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}\n\nA migration failed. Each runs as one ` +
          "script, so it left nothing behind: fix its SQL, then run " +
          "`npm run db:migrate -- --rolled-back <its directory name>`.",
      );
    });
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
