// The only place that constructs a Prisma client. Nothing connects at import time (so `next build`
// never touches a database); the first call to db() opens whatever DATABASE_URL names.
import { openDatabase, type DatabaseConnection } from "./database/connect";
import { parseDatabaseUrl } from "./database/target";
import type { PrismaClient } from "./generated/prisma/client";

export type { DatabaseConnection } from "./database/connect";
export { DatabaseLockedError } from "./database/pglite-lock";

// Cached on globalThis so Next's dev reloads reuse the open database instead of opening a second
// PGlite on the same directory (which the lock would refuse).
const holder = globalThis as typeof globalThis & { __ledgerlineDatabase?: DatabaseConnection };

/** The open database connection, opened from DATABASE_URL on first use. */
export function databaseConnection(): DatabaseConnection {
  holder.__ledgerlineDatabase ??= openDatabase(parseDatabaseUrl(process.env.DATABASE_URL));
  return holder.__ledgerlineDatabase;
}

/** The Prisma client for DATABASE_URL. */
export function db(): PrismaClient {
  return databaseConnection().client;
}

/** Closes the database (and releases the PGlite lock); the next db() call opens it again. */
export async function closeDb(): Promise<void> {
  const current = holder.__ledgerlineDatabase;
  holder.__ledgerlineDatabase = undefined;
  await current?.close();
}

/**
 * Makes db() return the given connection (closing none). For test set-up, which opens a fresh
 * database per test file; pass null to go back to DATABASE_URL.
 */
export function setDatabaseConnection(connection: DatabaseConnection | null): void {
  holder.__ledgerlineDatabase = connection ?? undefined;
}
