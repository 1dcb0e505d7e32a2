// A fresh, migrated database per test file. Call useTestDatabase() at the top of the file; db()
// then returns a client for it inside the tests.
//
// Default: an in-memory PGlite, private to the file's process. With TEST_DATABASE_URL=postgres://…
// a new, uniquely named database is created on that server and dropped afterwards, so test files
// running in parallel processes never share state. Migrations are applied by the same code as
// `npm run db:migrate`.
import { randomBytes } from "node:crypto";

import pg from "pg";
import { afterAll, beforeAll } from "vitest";

import { openDatabase, type DatabaseConnection } from "@/lib/database/connect";
import { parseDatabaseUrl } from "@/lib/database/target";
import { setDatabaseConnection } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { applyMigrations } from "@/lib/migrations/apply";

export interface TestDatabase {
  /** The Prisma client (the same one db() returns while the file runs). */
  readonly client: PrismaClient;
  readonly connection: DatabaseConnection;
  /** postgres://… of the per-file database, or "pglite:memory". */
  readonly url: string;
  /** Migration names applied during set-up. */
  readonly appliedMigrations: readonly string[];
  /** Empties every table (keeps the migration history), for tests that need a clean slate. */
  truncateAll(): Promise<void>;
}

export interface OpenedTestDatabase {
  connection: DatabaseConnection;
  url: string;
  appliedMigrations: string[];
  drop: () => Promise<void>;
}

/** TEST_DATABASE_URL, if set, must name a PostgreSQL server; anything else fails loudly. */
export function testServerUrl(): string | null {
  const value = process.env.TEST_DATABASE_URL?.trim();
  if (!value) return null;
  if (parseDatabaseUrl(value).kind !== "postgres") {
    throw new Error(`TEST_DATABASE_URL must be a postgres:// or postgresql:// URL, got "${value}"`);
  }
  return value;
}

async function createServerDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  // Unique across parallel processes and across runs that crashed before dropping theirs.
  const name = `ledgerline_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * Opens a fresh database, migrated unless `migrate: false`; the caller owns closing it (see
 * closeTestDatabase).
 */
export async function openTestDatabase(options: { migrate?: boolean } = {}): Promise<OpenedTestDatabase> {
  const serverUrl = testServerUrl();
  const server = serverUrl ? await createServerDatabase(serverUrl) : null;
  const url = server?.url ?? "pglite:memory";
  const connection = openDatabase(parseDatabaseUrl(url));
  try {
    const appliedMigrations = options.migrate === false ? [] : await applyMigrations(connection.adapterFactory);
    return { connection, url, appliedMigrations, drop: server?.drop ?? (async () => {}) };
  } catch (error) {
    await connection.close();
    await server?.drop();
    throw error;
  }
}

export async function closeTestDatabase(opened: OpenedTestDatabase): Promise<void> {
  try {
    await opened.connection.close();
  } finally {
    await opened.drop();
  }
}

async function truncateAll(client: PrismaClient): Promise<void> {
  const rows = await client.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables
    WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`;
  if (rows.length === 0) return;
  const tables = rows.map((row) => `"${row.tablename}"`).join(", ");
  await client.$executeRawUnsafe(`TRUNCATE ${tables} RESTART IDENTITY CASCADE`);
}

const SETUP_TIMEOUT_MS = 180_000;

export function useTestDatabase(): TestDatabase {
  let opened: OpenedTestDatabase | null = null;
  const current = (): OpenedTestDatabase => {
    if (!opened) throw new Error("The test database is only available inside tests and hooks (after beforeAll).");
    return opened;
  };

  // Starting PGlite takes seconds when idle and much longer while parallel suites load the CPU.
  beforeAll(async () => {
    opened = await openTestDatabase();
    setDatabaseConnection(opened.connection);
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    const done = opened;
    opened = null;
    setDatabaseConnection(null);
    if (done) await closeTestDatabase(done);
  }, SETUP_TIMEOUT_MS);

  return {
    get client() {
      return current().connection.client;
    },
    get connection() {
      return current().connection;
    },
    get url() {
      return current().url;
    },
    get appliedMigrations() {
      return current().appliedMigrations;
    },
    truncateAll: () => truncateAll(current().connection.client),
  };
}
