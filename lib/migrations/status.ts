import type { PrismaClient } from "../generated/prisma/client";
import { DEFAULT_MIGRATIONS_DIR, readMigrationList } from "./directory";

export interface MigrationStatus {
  /** Finished migrations recorded in the database, oldest first. */
  applied: { name: string; finishedAt: Date }[];
  /** Migrations in prisma/migrations not yet applied: run `npm run db:migrate`. */
  pending: string[];
  /** Migrations that started and did not finish (Prisma refuses to go on until resolved). */
  failed: string[];
}

/** For the health check and start-up: what the database has applied against what the code ships. */
export async function migrationStatus(
  client: PrismaClient,
  migrationsDir: string = DEFAULT_MIGRATIONS_DIR,
): Promise<MigrationStatus> {
  const [table] = await client.$queryRaw<{ exists: boolean }[]>`
    SELECT to_regclass('_prisma_migrations') IS NOT NULL AS "exists"`;
  const rows = table?.exists
    ? await client.$queryRaw<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }[]>`
        SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations
        ORDER BY started_at, migration_name`
    : [];
  const applied = rows.flatMap((row) =>
    row.finished_at && !row.rolled_back_at ? [{ name: row.migration_name, finishedAt: row.finished_at }] : [],
  );
  const failed = rows.filter((row) => !row.finished_at && !row.rolled_back_at).map((row) => row.migration_name);
  const appliedNames = new Set(applied.map((migration) => migration.name));
  const pending = readMigrationList(migrationsDir)
    .migrationDirectories.map((dir) => dir.path)
    .filter((name) => !appliedNames.has(name));
  return { applied, pending, failed };
}
