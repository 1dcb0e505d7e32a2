import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

import { DEFAULT_MIGRATIONS_DIR, readMigrationList } from "./directory";
import { startSchemaEngine } from "./schema-engine";

export const NO_FILTERS = { externalTables: [], externalEnums: [] };

/**
 * Applies the migrations not yet recorded in `_prisma_migrations` (each in order, each recorded
 * with its sha256 checksum) and returns their names. The same code serves PGlite and PostgreSQL,
 * `npm run db:migrate` and test set-up.
 */
export async function applyMigrations(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  migrationsDir: string = DEFAULT_MIGRATIONS_DIR,
): Promise<string[]> {
  const engine = await startSchemaEngine(adapterFactory);
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: readMigrationList(migrationsDir),
      filters: NO_FILTERS,
    });
    return appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/**
 * Marks a failed migration as rolled back (Prisma's `migrate resolve --rolled-back`), so that the
 * next apply runs it again once its SQL is fixed. Migrations run as one script, so a failed one
 * left nothing behind.
 */
export async function markMigrationRolledBack(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  migrationName: string,
): Promise<void> {
  const engine = await startSchemaEngine(adapterFactory);
  try {
    await engine.markMigrationRolledBack({ migrationName });
  } finally {
    engine.free();
  }
}
