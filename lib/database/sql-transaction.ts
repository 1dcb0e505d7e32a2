import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";
import { sendPipeline, type PipelinedStatement } from "./pg-pipeline";
import { PgliteStatements } from "./pglite-statements";
import { preparedStatementName } from "./statement-names";
import { StatementQueue, type AnswerCheck } from "./statement-queue";

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
  /**
   * Sends a statement whose answer the work does not wait for: it goes with the next statement the
   * work awaits, or with COMMIT, in one round trip (StatementPipeline), and `check` reads its rows
   * then (a statement with a check holds COMMIT back a round trip, since its rows must be read
   * first). A failure, or a check that throws, fails that awaited statement or the commit, so the
   * transaction rolls back as if the statement had failed where it was sent. Absent (a Prisma
   * transaction), callers run the statement and await it (sendWithoutWaiting).
   */
  readonly sendLater?: (query: string, values: readonly unknown[], check?: AnswerCheck) => void;
}

/** Runs a statement on `tx` without waiting for its answer where the transaction allows it. */
export async function sendWithoutWaiting(
  tx: SqlTransaction,
  query: string,
  values: readonly unknown[],
  check?: AnswerCheck,
): Promise<void> {
  if (tx.sendLater) return tx.sendLater(query, values, check);
  if (!check) {
    await tx.$executeRawUnsafe(query, ...values);
    return;
  }
  check(await tx.$queryRawUnsafe<Record<string, unknown>[]>(query, ...values));
}

/** A transaction whose statements go through `queue`, with held locks tracked. */
function queuedTransaction(queue: StatementQueue, statement: (text: string, values: readonly unknown[]) => PipelinedStatement): SqlTransaction {
  return {
    $executeRawUnsafe: async (query, ...values) => (await queue.send(statement(query, values))).rowCount,
    $queryRawUnsafe: async <T>(query: string, ...values: unknown[]) => (await queue.send(statement(query, values))).rows as T,
    heldLocks: new Set(),
    sendLater: (query, values, check) => queue.add(statement(query, values), check),
  };
}

/** Runs `work` in one transaction on the driver, committed if it resolves, rolled back if it throws. */
export type DriverTransactions = <T>(work: (tx: SqlTransaction) => Promise<T>) => Promise<T>;

/**
 * Prisma ends an interactive transaction after 30 s; on the driver the bound is the server's, set
 * with BEGIN and sent with the transaction's first statement: no statement (a lock wait behind
 * another instance, say) and no pause of this process between statements holds the connection and
 * its locks longer than that. set_config(…, true) is SET LOCAL as a statement with a result, which
 * a pipeline can carry (a pipelined statement is one statement).
 */
export const DRIVER_TRANSACTION_BEGIN = ["BEGIN", "SELECT set_config('statement_timeout', '30s', true), set_config('idle_in_transaction_session_timeout', '30s', true)"];

const FEATURE_NOT_SUPPORTED = "0A000";

// Pipelined with the statements still queued: an error in any of them makes PostgreSQL skip it.
const COMMIT: PipelinedStatement = { text: "COMMIT", values: [] };

/** On a pooled connection of its own, taken from the pool Prisma uses too. */
export function pgDriverTransactions(pool: pg.Pool): DriverTransactions {
  return async (work) => {
    const client = await pool.connect();
    // A connection whose rollback failed is in an unknown state: the pool drops it.
    let broken: Error | undefined;
    const pipelined = async (statements: readonly PipelinedStatement[]) => {
      const pipeline = sendPipeline(client, statements);
      try {
        return await pipeline.answers;
      } catch (error) {
        // PostgreSQL may or may not have created a statement whose Parse went with the failure:
        // node-postgres would then parse it again, or send it by name, wrongly either way.
        if (pipeline.statementsUncertain) broken ??= error instanceof Error ? error : new Error(String(error));
        throw error;
      }
    };
    const queue = new StatementQueue(async (statements) => {
      const last = statements[statements.length - 1]!;
      if (last.values.length > 0 || last === COMMIT) return pipelined(statements);
      // A statement without parameters goes as a simple query, which may hold several statements
      // where a pipelined one may not; what was queued before it goes first.
      const before = statements.length > 1 ? await pipelined(statements.slice(0, -1)) : [];
      const result = await client.query(last.text);
      return [...before, { rows: result.rows, rowCount: result.rowCount ?? 0 }];
    });
    try {
      for (const text of DRIVER_TRANSACTION_BEGIN) queue.add({ text, values: [] });
      const result = await work(queuedTransaction(queue, named));
      // In the same round trip as the last statements when nothing of theirs is left to read (a
      // mirror write raises its tie in the database, mirror.ts): if one fails, COMMIT is skipped
      // with the rest of the pipeline and the transaction is rolled back below.
      await queue.finish(COMMIT);
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

/** A statement with parameters goes by name (statement-names.ts); one without stays unnamed. */
function named(text: string, values: readonly unknown[]): PipelinedStatement {
  return { text, values, name: values.length > 0 ? preparedStatementName(text) : undefined };
}

/**
 * PGlite runs one transaction at a time; its own `transaction` queues behind Prisma's, which use it
 * too. With one connection there is no lock to wait for, so no server-side bound is set. Statements
 * run as named prepared statements, planned once (pglite-statements.ts), and the statements sent
 * without waiting run in one call with the next one awaited.
 */
export function pgliteDriverTransactions(pglite: PGlite): DriverTransactions {
  const statements = new PgliteStatements(pglite);
  return (work) =>
    pglite.transaction(async () => {
      const queue = new StatementQueue(async (list) =>
        (await statements.runAll(list)).map((answer) => ({ rows: answer.rows, rowCount: answer.affectedRows })),
      );
      const result = await work(queuedTransaction(queue, (text, values) => ({ text, values })));
      await queue.flush();
      return result;
    });
}
