// npm run db:migration:create -- --name add_something [--empty] [--dry-run]
// Diffs prisma/schema.prisma against prisma/migrations and writes the new migration directory.
import { parseArgs } from "node:util";

import { z } from "zod";

import { createMigration } from "../lib/migrations/create";

const Args = z.object({
  name: z.string().regex(/^[a-z0-9_]+$/, "--name must be snake_case, e.g. --name add_payout_notes"),
  empty: z.boolean().default(false),
  "dry-run": z.boolean().default(false),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { name: { type: "string" }, empty: { type: "boolean" }, "dry-run": { type: "boolean" } },
  });
  const parsed = Args.safeParse(values);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((issue) => issue.message).join("\n") || "usage: --name <snake_case>");
  }
  const created = await createMigration({ name: parsed.data.name, empty: parsed.data.empty, dryRun: parsed.data["dry-run"] });
  if (!created) {
    console.log("The schema matches the migrations: nothing to create (use --empty for a hand-written migration).");
    return;
  }
  console.log(created.file ? `Created ${created.file}` : `Would create ${created.name}:`);
  if (!created.file) console.log(created.sql);
}

// The schema engine keeps timers alive for several seconds after its work is done: exit explicitly.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
