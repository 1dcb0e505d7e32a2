import fs from "node:fs";

import { openDatabase } from "../database/connect";
import { NO_FILTERS } from "./apply";
import { DEFAULT_MIGRATIONS_DIR, DEFAULT_SCHEMA_PATH, readMigrationList, writeMigration } from "./directory";
import { withSchemaEngine } from "./schema-engine";

export interface CreateMigrationOptions {
  /** Snake-case name appended to the timestamp, e.g. "add_payout_notes". */
  name: string;
  schemaPath?: string;
  migrationsDir?: string;
  /** Write the migration even when the schema has not changed (for hand-written SQL). */
  empty?: boolean;
  /** Compute the SQL but write nothing. */
  dryRun?: boolean;
}

export interface CreatedMigration {
  name: string;
  sql: string;
  /** Where it was written; null on a dry run. */
  file: string | null;
}

/**
 * Diffs schema.prisma against the migration history and returns the new migration, or null when
 * the schema has not changed. The history is replayed on a throwaway in-memory PGlite, never on
 * the real database (the PostgreSQL adapter's shadow-database path is unreliable in Prisma 7.10).
 */
export async function createMigration(options: CreateMigrationOptions): Promise<CreatedMigration | null> {
  const name = options.name.trim();
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Migration name must be snake_case letters and digits, got "${options.name}"`);
  const schemaPath = options.schemaPath ?? DEFAULT_SCHEMA_PATH;
  const migrationsDir = options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  const migrationsList = readMigrationList(migrationsDir);

  const schema = { path: schemaPath, content: fs.readFileSync(schemaPath, "utf8") };
  const scratch = openDatabase({ kind: "pglite", dataDir: null });
  try {
    return await withSchemaEngine(scratch.adapterFactory, schema, async (engine) => {
      // Replay the history on the scratch database, then diagnose it: devDiagnostic replays the
      // migrations again on a shadow database from the adapter and caches the resulting schema,
      // which createMigration diffs against. Without a preceding devDiagnostic on an up-to-date
      // database, createMigration fails with "PostgreSQL shadow DB must be provided through an
      // external factory".
      await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
      const diagnostic = await engine.devDiagnostic({ migrationsList, filters: NO_FILTERS });
      if (diagnostic.action.tag === "reset") {
        throw new Error(`The migration history does not replay cleanly: ${diagnostic.action.reason}`);
      }
      const created = await engine.createMigration({
        draft: options.empty ?? false,
        migrationName: name,
        migrationsList,
        schema: { files: [schema] },
        filters: NO_FILTERS,
      });
      if (created.migrationScript === null) return null;
      const file = options.dryRun
        ? null
        : writeMigration(migrationsDir, created.generatedMigrationName, created.migrationScript);
      return { name: created.generatedMigrationName, sql: created.migrationScript, file };
    });
  } finally {
    await scratch.close();
  }
}
