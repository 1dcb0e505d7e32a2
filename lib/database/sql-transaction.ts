import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";
import { preparedStatementName } from "./statement-names";
import { PgliteStatements } from "./pglite-statements";

/**
 * A transaction spoken to in SQL: the two raw methods of Prisma's transaction client, which the
 * webhook projections use and nothing else, so the same code runs inside a Prisma transaction or
 * straight on the driver. Results come back as the driver parses them (a pg int8 is a string, a
 * PGlite one a number, Prisma's a BigInt): callers cast what they read to the type they need.
 */
export interface SqlTransaction {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  /**
   * The advisory locks this transaction has taken (mirror.ts's lockObjects), so a lock already held
   * is not asked for again: a fresh set per transaction, since transaction-level locks end with it.
   * Absent (a Prisma transaction), every lockObjects goes to the database.
   */
  readonly heldLocks?: Set<string>;
}

/** Runs `work` in one transaction on the driver, committed if it resolves, rolled back if it throws. */
export type DriverTransactions = <T>(work: (tx: SqlTransaction) => Promise<T>) => Promise<T>;

/**
 * Prisma ends an interactive transaction after 30 s; on the driver the bound is the server's, set
 * with BEGIN in the same round trip: no statement (a lock wait behind another instance, say) and no
 * pause of this process between statements holds the connection and its locks longer than that.
 */
export const DRIVER_TRANSACTION_BEGIN =
  "BEGIN; SET LOCAL statement_timeout = '30s'; SET LOCAL idle_in_transaction_session_timeout = '30s'";

const FEATURE_NOT_SUPPORTED = "0A000";

/** On a pooled connection of its own, taken from the pool Prisma uses too. */
export function pgDriverTransactions(pool: pg.Pool): DriverTransactions {
  return async (work) => {
    const client = await pool.connect();
    // A connection whose rollback failed is in an unknown state: the pool drops it.
    let broken: Error | undefined;
    try {
      await client.query(DRIVER_TRANSACTION_BEGIN);
      const result = await work({
        $executeRawUnsafe: async (query, ...values) => (await client.query(prepared(query, values))).rowCount ?? 0,
        $queryRawUnsafe: async <T>(query: string, ...values: unknown[]) => (await client.query(prepared(query, values))).rows as T,
        heldLocks: new Set(),
      });
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      // A table changed under a prepared statement so that its rows would change shape ("cached plan
      // must not change result type"): PostgreSQL refuses that statement on this connection for good,
      // and node-postgres would send it by name again. A new connection prepares it anew.
      if ((error as { code?: unknown }).code === FEATURE_NOT_SUPPORTED) broken ??= error as Error;
      throw error;
    } finally {
      client.release(broken);
    }
  };
}

/**
 * A statement with parameters goes by name (statement-names.ts). One without stays unnamed: it is
 * then sent as a simple query, which may hold several statements, where a prepared one may not.
 */
function prepared(text: string, values: unknown[]): pg.QueryConfig {
  return { text, values, name: values.length > 0 ? preparedStatementName(text) : undefined };
}

/**
 * PGlite runs one transaction at a time; its own `transaction` queues behind Prisma's, which use it
 * too. With one connection there is no lock to wait for, so no server-side bound is set. Statements
 * run as named prepared statements, planned once (pglite-statements.ts).
 */
export function pgliteDriverTransactions(pglite: PGlite): DriverTransactions {
  const statements = new PgliteStatements(pglite);
  return (work) =>
    pglite.transaction(() =>
      work({
        $executeRawUnsafe: async (query, ...values) => (await statements.run(query, values)).affectedRows ?? 0,
        $queryRawUnsafe: async <T>(query: string, ...values: unknown[]) => (await statements.run(query, values)).rows as T,
        heldLocks: new Set(),
      }),
    );
}
