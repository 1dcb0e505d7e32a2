import type { PGlite } from "@electric-sql/pglite";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type pg from "pg";

// The schema engine applies each migration through the adapter's executeScript, and neither
// driver adapter does that the way Prisma's native engine does (one multi-statement query, which
// PostgreSQL runs as one implicit transaction):
//   * @prisma/adapter-pg 7.10 splits the script at every ";" (breaking function bodies and string
//     literals) and sends the pieces to whichever pooled connection is free, so a failing
//     migration stays half-applied;
//   * pglite-prisma-adapter 0.7 does not await the script, so a failing migration is recorded as
//     applied and its error surfaces later as an unhandled rejection.
// These wrappers send the whole script as one query on one connection and report its error.

interface PgAdapterInternals {
  underlyingDriver(): pg.Pool;
  onError(error: unknown): never;
}

interface PgliteAdapterInternals {
  client: PGlite;
  onError(error: unknown): never;
}

function wholeScriptOnPostgres(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const internals = adapter as unknown as PgAdapterInternals;
  adapter.executeScript = async (script: string) => {
    const connection = await internals.underlyingDriver().connect();
    try {
      await connection.query(script);
    } catch (error) {
      internals.onError(error);
    } finally {
      connection.release();
    }
  };
  return adapter;
}

function wholeScriptOnPglite(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const internals = adapter as unknown as PgliteAdapterInternals;
  adapter.executeScript = async (script: string) => {
    try {
      await internals.client.exec(script);
    } catch (error) {
      internals.onError(error);
    }
  };
  return adapter;
}

/** The factory, with every adapter it hands out (shadow databases included) running scripts whole. */
export function withWholeScripts(
  factory: SqlMigrationAwareDriverAdapterFactory,
  driver: "postgres" | "pglite",
): SqlMigrationAwareDriverAdapterFactory {
  const wrap = driver === "postgres" ? wholeScriptOnPostgres : wholeScriptOnPglite;
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wrap(await factory.connect()),
    connectToShadowDb: async () => wrap(await factory.connectToShadowDb()),
  };
}
