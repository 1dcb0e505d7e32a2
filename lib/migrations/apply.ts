import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

import { DEFAULT_MIGRATIONS_DIR, readMigrationList } from "./directory";
import { withSchemaEngine } from "./schema-engine";

export const NO_FILTERS = { externalTables: [], externalEnums: [] };

// Several processes migrating one PostgreSQL database at once are kept apart by the engine's
// advisory lock. Within one process (one PGlite, one connection) that lock is re-entrant and
// does not separate them, so engine runs on the same database are queued here.
const queues = new WeakMap<SqlMigrationAwareDriverAdapterFactory, Promise<unknown>>();

function oneAtATime<T>(adapterFactory: SqlMigrationAwareDriverAdapterFactory, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(adapterFactory) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(work);
  queues.set(adapterFactory, next);
  return next;
}

/**
 * Applies the migrations not yet recorded in `_prisma_migrations` (each in order, each recorded
 * with its sha256 checksum) and returns their names. The same code serves PGlite and PostgreSQL,
 * `npm run db:migrate` and test set-up.
 */
export async function applyMigrations(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  migrationsDir: string = DEFAULT_MIGRATIONS_DIR,
): Promise<string[]> {
  return oneAtATime(adapterFactory, () =>
    withSchemaEngine(adapterFactory, undefined, async (engine) => {
      const { appliedMigrationNames } = await engine.applyMigrations({
        migrationsList: readMigrationList(migrationsDir),
        filters: NO_FILTERS,
      });
      return appliedMigrationNames;
    }),
  );
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
  return oneAtATime(adapterFactory, () =>
    withSchemaEngine(adapterFactory, undefined, async (engine) => {
      await engine.markMigrationRolledBack({ migrationName });
    }),
  );
}
