import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { openDatabase } from "../database/connect";
import { parseDatabaseUrl } from "../database/target";
import { closeTestDatabase, openTestDatabase, useTestDatabase } from "@/tests/support/db";
import { applyMigrations, markMigrationRolledBack } from "./apply";
import { createMigration } from "./create";
import { DEFAULT_MIGRATIONS_DIR, DEFAULT_SCHEMA_PATH, readMigrationList } from "./directory";
import { migrationStatus } from "./status";

const database = useTestDatabase();

// Creating a migration replays the history on two throwaway PGlite instances, and the tests below
// that open databases of their own start PGlite again: several seconds on an idle machine, much
// longer when other suites load the CPU.
const CREATE_TIMEOUT_MS = 180_000;
const tempDirs: string[] = [];

afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function committedMigrations(): { name: string; checksum: string }[] {
  return fs
    .readdirSync(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({
      name,
      checksum: createHash("sha256")
        .update(fs.readFileSync(path.join(DEFAULT_MIGRATIONS_DIR, name, "migration.sql")))
        .digest("hex"),
    }));
}

/** A copy of the schema and migrations to change freely. */
function scratchProject(): { schemaPath: string; migrationsDir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ledgerline-migrations-"));
  tempDirs.push(dir);
  const schemaPath = path.join(dir, "schema.prisma");
  const migrationsDir = path.join(dir, "migrations");
  fs.copyFileSync(DEFAULT_SCHEMA_PATH, schemaPath);
  fs.cpSync(DEFAULT_MIGRATIONS_DIR, migrationsDir, { recursive: true });
  return { schemaPath, migrationsDir };
}

describe("applying migrations", () => {
  it("applies every committed migration and records each with its sha256 checksum", async () => {
    const expected = committedMigrations();
    expect(expected.length).toBeGreaterThan(0);
    expect(database.appliedMigrations).toEqual(expected.map((m) => m.name));

    const rows = await database.client.$queryRaw<
      { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }[]
    >`SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name`;
    expect(rows.map((row) => ({ name: row.migration_name, checksum: row.checksum }))).toEqual(expected);
    for (const row of rows) {
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
    }
  });

  it("applies each migration once when several instances migrate the same database at once", async () => {
    const fresh = await openTestDatabase({ migrate: false });
    // Separate processes on PostgreSQL (one connection pool each); on PGlite one process owns
    // the database, so its callers share the connection.
    const extra = fresh.url.startsWith("postgres")
      ? [openDatabase(parseDatabaseUrl(fresh.url)), openDatabase(parseDatabaseUrl(fresh.url))]
      : [];
    try {
      const instances = extra.length > 0 ? [fresh.connection, ...extra] : [fresh.connection, fresh.connection, fresh.connection];
      const factories = instances.map((connection) => connection.adapterFactory);
      const results = await Promise.all(factories.map((factory) => applyMigrations(factory)));
      const names = committedMigrations().map((m) => m.name);
      expect(results.filter((applied) => applied.length > 0)).toEqual([names]);
      expect(results.filter((applied) => applied.length === 0)).toHaveLength(2);
      const [row] = await fresh.connection.client.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM _prisma_migrations`;
      expect(Number(row?.n)).toBe(names.length);
    } finally {
      for (const connection of extra) await connection.close();
      await closeTestDatabase(fresh);
    }
  }, CREATE_TIMEOUT_MS);

  it("applies nothing when run again", async () => {
    expect(await applyMigrations(database.connection.adapterFactory)).toEqual([]);
  });

  it("keeps Prisma's layout: a lock file naming postgresql", () => {
    const list = readMigrationList();
    expect(list.lockfile.content).toMatch(/provider = "postgresql"/);
    for (const dir of list.migrationDirectories) {
      expect(dir.path).toMatch(/^\d{14}_[a-z0-9_]+$/);
      expect(dir.migrationFile.content.tag).toBe("ok");
    }
  });
});

describe("creating migrations", () => {
  it("finds nothing to create when the schema matches the committed migrations", async () => {
    expect(await createMigration({ name: "unchanged", dryRun: true })).toBeNull();
  }, CREATE_TIMEOUT_MS);

  it("writes the difference as a new migration, which then applies on top of the others", async () => {
    const project = scratchProject();
    const schema = fs.readFileSync(project.schemaPath, "utf8");
    fs.writeFileSync(
      project.schemaPath,
      schema.replace(/(model Setting \{\n)/, "$1  note      String?\n"),
    );

    const created = await createMigration({ name: "add_setting_note", ...project });
    expect(created).not.toBeNull();
    expect(created?.name).toMatch(/^\d{14}_add_setting_note$/);
    expect(created?.sql).toMatch(/ALTER TABLE "settings" ADD COLUMN\s+"note" TEXT/);
    expect(fs.readFileSync(created?.file ?? "", "utf8")).toBe(created?.sql);

    expect(await applyMigrations(database.connection.adapterFactory, project.migrationsDir)).toEqual([created?.name]);
    const columns = await database.client.$queryRaw<{ column_name: string }[]>`
      SELECT column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'settings' AND column_name = 'note'`;
    expect(columns).toHaveLength(1);
  }, CREATE_TIMEOUT_MS);

  it("refuses a name that is not snake_case", async () => {
    await expect(createMigration({ name: "Add Thing", dryRun: true })).rejects.toThrow(/snake_case/);
  });
});

describe("hand-written migrations", () => {
  function addMigration(migrationsDir: string, name: string, sql: string): void {
    fs.mkdirSync(path.join(migrationsDir, name));
    fs.writeFileSync(path.join(migrationsDir, name, "migration.sql"), sql);
  }

  it("run whole: semicolons inside function bodies and strings survive, and a failure applies nothing", async () => {
    const project = scratchProject();
    addMigration(
      project.migrationsDir,
      "29990101000000_add_function",
      "CREATE FUNCTION ledgerline_answer() RETURNS text LANGUAGE plpgsql AS $$\n" +
        "DECLARE answer text;\nBEGIN\n  answer := 'forty; two';\n  RETURN answer;\nEND\n$$;\n",
    );
    // A fresh database of its own: the failure below leaves a failed migration behind on purpose.
    const fresh = await openTestDatabase();
    try {
      const applied = await applyMigrations(fresh.connection.adapterFactory, project.migrationsDir);
      expect(applied.at(-1)).toBe("29990101000000_add_function");
      expect(await fresh.connection.client.$queryRaw`SELECT ledgerline_answer() AS answer`).toEqual([
        { answer: "forty; two" },
      ]);

      addMigration(
        project.migrationsDir,
        "29990102000000_broken",
        "CREATE TABLE half_done (id integer);\nSELECT no_such_function();\n",
      );
      await expect(applyMigrations(fresh.connection.adapterFactory, project.migrationsDir)).rejects.toThrow(
        /no_such_function/,
      );
      const [table] = await fresh.connection.client.$queryRaw<{ exists: boolean }[]>`
        SELECT to_regclass('half_done') IS NOT NULL AS "exists"`;
      expect(table?.exists).toBe(false);
      const status = await migrationStatus(fresh.connection.client, project.migrationsDir);
      expect(status.failed).toEqual(["29990102000000_broken"]);
      expect(status.applied.map((m) => m.name)).not.toContain("29990102000000_broken");

      // Fixed, marked rolled back, applied again.
      fs.writeFileSync(
        path.join(project.migrationsDir, "29990102000000_broken", "migration.sql"),
        "CREATE TABLE half_done (id integer);\n",
      );
      await markMigrationRolledBack(fresh.connection.adapterFactory, "29990102000000_broken");
      expect(await applyMigrations(fresh.connection.adapterFactory, project.migrationsDir)).toEqual([
        "29990102000000_broken",
      ]);
      expect((await migrationStatus(fresh.connection.client, project.migrationsDir)).failed).toEqual([]);
    } finally {
      await closeTestDatabase(fresh);
    }
  }, CREATE_TIMEOUT_MS);
});

describe("migration status", () => {
  it("lists applied migrations and those still pending", async () => {
    const status = await migrationStatus(database.client);
    expect(status.applied.map((m) => m.name)).toEqual(expect.arrayContaining(committedMigrations().map((m) => m.name)));
    expect(status.pending).toEqual([]);
    expect(status.failed).toEqual([]);

    const project = scratchProject();
    fs.mkdirSync(path.join(project.migrationsDir, "29990101000000_later"));
    fs.writeFileSync(path.join(project.migrationsDir, "29990101000000_later", "migration.sql"), "SELECT 1;\n");
    expect((await migrationStatus(database.client, project.migrationsDir)).pending).toEqual(["29990101000000_later"]);
  });

  it("reports everything pending on a database never migrated", async () => {
    const connection = openDatabase({ kind: "pglite", dataDir: null });
    try {
      const status = await migrationStatus(connection.client);
      expect(status.applied).toEqual([]);
      expect(status.pending).toEqual(committedMigrations().map((m) => m.name));
    } finally {
      await connection.close();
    }
  });
});
