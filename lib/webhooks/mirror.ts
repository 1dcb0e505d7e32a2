import { sendWithoutWaiting, type SqlTransaction } from "@/lib/database/sql-transaction";
import { redactClientSecrets } from "./redact";

/**
 * Writes of Stripe snapshots into the mirror tables. One rule guards every write: a snapshot is
 * stored only if its stamp is at least the stored one (`>=`), so an older event never overwrites a
 * newer one. Stripe stamps events in whole seconds, so two snapshots of one second say nothing
 * about their order: such a tie is broken by the snapshot's progress, or by fetching the object
 * from Stripe (`onTie`). The rule lives in the SQL (`ON CONFLICT … WHERE synced_at <=
 * EXCLUDED.synced_at`), not in process memory, so it holds across app instances.
 */

/** Projections speak raw SQL only, so they run in a Prisma transaction or on the driver alike. */
export type Tx = SqlTransaction;

export type MirrorTable =
  | "customers"
  | "payment_methods"
  | "setup_intents"
  | "payment_intents"
  | "charges"
  | "refunds"
  | "disputes"
  | "payouts"
  | "balance_transactions"
  | "early_fraud_warnings";

/** A column value; `{ json }` is stored as JSONB. */
export type ColumnValue = string | number | bigint | boolean | Date | null | { json: unknown };

export interface MirrorRow {
  id: string;
  synced_at: Date;
  data: { json: unknown };
  [column: string]: ColumnValue;
}

export interface UpsertOptions {
  /** Columns a null in this snapshot must not clear (facts learnt elsewhere, e.g. a payout link). */
  keepWhenNull?: readonly string[];
  /**
   * How far along a snapshot is, as SQL over its JSON (written with the placeholder `{data}`), for
   * snapshots of the same second: Stripe stamps events in whole seconds and two changes to one
   * object can share one, so between equal stamps the snapshot that is further along wins.
   */
  progress?: string;
  /**
   * What a snapshot stamped with the stored one's second does, overriding `progress`:
   *   - "refetch": it is not written and SameSecondTie is thrown, so the caller can ask Stripe for
   *     the object as it is now (two changes of one second cannot be ordered from their snapshots);
   *   - "apply": it wins (it is what Stripe holds now, or a final state such as a deletion).
   */
  onTie?: "refetch" | "apply";
  /** A first state (a creation): written only if no row is held, which is then at least as new. */
  insertOnly?: boolean;
  /**
   * A data-modifying statement to run, in the same round trip, only when the snapshot is written;
   * it reads the written row as `written` (e.g. copying a customer's email onto its payments).
   */
  whenApplied?: string;
  /**
   * Columns written only when the snapshot inserts the row, as SQL over the snapshot's columns
   * (written `{column}`): a summary column whose value the insert can already know (a payment's
   * customer email), so that the summary recomputed after it finds nothing to change instead of
   * writing the new row a second time. An update leaves them to the summary.
   */
  insertedWith?: Readonly<Record<string, string>>;
}

/** A snapshot tied with the stored one (same second); the object must be fetched from Stripe. */
export class SameSecondTie extends Error {
  constructor(
    readonly table: MirrorTable,
    readonly id: string,
  ) {
    super(`${table} ${id}: two snapshots of the same second; the object must be fetched from Stripe`);
  }
}

/** Position of the snapshot's status in a lifecycle, for `progress`. */
export function statusRank(statuses: readonly string[]): string {
  return `COALESCE(array_position(ARRAY[${statuses.map((s) => `'${s.replace(/'/g, "")}'`).join(", ")}]::text[], {data}->>'status'), 0)`;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function placeholder(value: ColumnValue, index: number): string {
  if (value instanceof Date) return `$${index}::timestamptz`;
  if (typeof value === "bigint") return `$${index}::bigint`;
  if (value !== null && typeof value === "object") return `$${index}::jsonb`;
  return `$${index}`;
}

function parameter(value: ColumnValue): unknown {
  // Snapshots are stored without client secrets, whichever path brought them (redact.ts).
  if (value !== null && typeof value === "object" && !(value instanceof Date)) return JSON.stringify(redactClientSecrets(value.json));
  if (typeof value === "bigint") return value.toString();
  return value;
}

/**
 * Inserts or updates one mirror row under the `>=` rule, in one statement. Returns whether the
 * snapshot was applied. With `onTie: "refetch"` the caller must hold the object's lock
 * (`lockObjects`), so that the stamp read here is the one the write is checked against, whatever
 * other instances do.
 */
export async function upsertMirror(tx: Tx, table: MirrorTable, row: MirrorRow, options: UpsertOptions = {}): Promise<boolean> {
  const write = mirrorWrite(table, row, options, "returned");
  if (!write.verdict) return (await tx.$executeRawUnsafe(write.text, ...write.values)) > 0;
  return write.verdict(await tx.$queryRawUnsafe(write.text, ...write.values));
}

/**
 * upsertMirror for a caller that does not read whether the snapshot was applied: on a pipelined
 * transaction the write goes with the next statement awaited or with COMMIT (sql-transaction.ts),
 * and a tie is raised by the statement itself (sameSecondTieIn reads it), so the rest of the
 * transaction, COMMIT included, does not run. Elsewhere it throws SameSecondTie, as upsertMirror.
 */
export async function writeMirror(tx: Tx, table: MirrorTable, row: MirrorRow, options: UpsertOptions = {}): Promise<void> {
  const write = mirrorWrite(table, row, options, tx.sendLater ? "raised" : "returned");
  const verdict = write.verdict;
  await sendWithoutWaiting(tx, write.text, write.values, verdict && ((rows) => void verdict(rows)));
}

// The SQLSTATE of same_second_tie(), which names the table and the object's id (migration same_second_tie_raised).
const SAME_SECOND_TIE_RAISED = "LLT01";

/** The tie in an error: thrown by upsertMirror, or raised by a mirror write in the database (writeMirror). */
export function sameSecondTieIn(error: unknown): SameSecondTie | null {
  if (error instanceof SameSecondTie) return error;
  const raised = error as { code?: unknown; table?: unknown; detail?: unknown } | null;
  if (raised?.code !== SAME_SECOND_TIE_RAISED || typeof raised.table !== "string" || typeof raised.detail !== "string") return null;
  return new SameSecondTie(raised.table as MirrorTable, raised.detail);
}

interface MirrorWrite {
  text: string;
  values: unknown[];
  /** Reads the statement's row when it says more than its row count: applied, or a tie thrown. */
  verdict?: (rows: Record<string, unknown>[]) => boolean;
}

/** How a tie reaches the caller: as a column the verdict reads, or as an error the statement raises. */
type TieReport = "returned" | "raised";

function mirrorWrite(table: MirrorTable, row: MirrorRow, options: UpsertOptions, tieReport: TieReport): MirrorWrite {
  const columns = Object.keys(row);
  for (const column of columns) if (!IDENTIFIER.test(column)) throw new Error(`Bad column name ${column}`);
  const values = columns.map((c) => row[c] as ColumnValue);
  const keep = new Set(options.keepWhenNull ?? []);
  const updates = columns
    .filter((c) => c !== "id")
    .map((c) => (keep.has(c) ? `"${c}" = COALESCE(EXCLUDED."${c}", t."${c}")` : `"${c}" = EXCLUDED."${c}"`));
  const inserted = Object.entries(options.insertedWith ?? {});
  for (const [column] of inserted) if (!IDENTIFIER.test(column) || columns.includes(column)) throw new Error(`Bad inserted column ${column}`);
  const parameterOf = (column: string): string => {
    const index = columns.indexOf(column);
    if (index < 0) throw new Error(`insertedWith reads ${column}, which the snapshot does not write`);
    return placeholder(values[index]!, index + 1);
  };
  const upsert =
    `INSERT INTO "${table}" AS t (${[...columns, ...inserted.map(([c]) => c)].map((c) => `"${c}"`).join(", ")}) ` +
    `VALUES (${[
      ...values.map((v, i) => placeholder(v, i + 1)),
      ...inserted.map(([, sql]) => sql.replace(/\{([a-z_][a-z0-9_]*)\}/g, (_, column: string) => parameterOf(column))),
    ].join(", ")}) ` +
    (options.insertOnly
      ? `ON CONFLICT ("id") DO NOTHING`
      : `ON CONFLICT ("id") DO UPDATE SET ${updates.join(", ")}, "updated_at" = now() WHERE ${writeCondition(options)}`);
  const detectTie = options.onTie === "refetch" && !options.insertOnly;
  if (!detectTie && !options.whenApplied) return { text: upsert, values: values.map(parameter) };

  // Still one round trip: the write, what follows it, and whether it was refused because the
  // stored stamp is the same second (`held` reads the row as it was before the statement).
  const id = `$${columns.indexOf("id") + 1}`;
  const stamp = `$${columns.indexOf("synced_at") + 1}::timestamptz`;
  const tied = detectTie ? `COALESCE((SELECT "synced_at" = ${stamp} FROM held), false)` : "false";
  const text =
    `WITH ${detectTie ? `held AS (SELECT "synced_at" FROM "${table}" WHERE "id" = ${id}), ` : ""}` +
    `written AS (${upsert} RETURNING *)` +
    `${options.whenApplied ? `, followed AS (${options.whenApplied})` : ""} `;
  if (tieReport === "raised") {
    // Nothing for the caller to read: the statement fails on a tie, and otherwise says nothing.
    const raise = detectTie ? `CASE WHEN NOT EXISTS (SELECT 1 FROM written) AND ${tied} THEN same_second_tie('${table}', ${id}::text) END` : "NULL";
    return { text: `${text}SELECT ${raise} AS tie`, values: values.map(parameter) };
  }
  return {
    text: `${text}SELECT EXISTS (SELECT 1 FROM written) AS applied, ${tied} AS tied`,
    values: values.map(parameter),
    verdict: (rows) => {
      const result = rows[0] as { applied: boolean; tied: boolean } | undefined;
      if (!result?.applied && result?.tied) throw new SameSecondTie(table, row.id);
      return result?.applied === true;
    },
  };
}

function writeCondition(options: UpsertOptions): string {
  if (options.onTie === "refetch") return `t."synced_at" < EXCLUDED."synced_at"`;
  if (options.onTie === "apply" || !options.progress) return `t."synced_at" <= EXCLUDED."synced_at"`;
  return (
    `t."synced_at" < EXCLUDED."synced_at" OR (t."synced_at" = EXCLUDED."synced_at" AND ` +
    `${options.progress.replaceAll("{data}", "EXCLUDED.\"data\"")} >= ${options.progress.replaceAll("{data}", "t.\"data\"")})`
  );
}

/**
 * Serialises projections that touch the same objects (a refund and its charge, say), so the
 * summaries recomputed from several tables see each other's committed rows. Locks are taken in a
 * fixed order (sorted ids, in array order, in one statement) to rule out deadlocks, and released at
 * commit.
 */
export async function lockObjects(tx: Tx, ids: Iterable<string | null | undefined>): Promise<void> {
  const unique = [...new Set([...ids].filter((id): id is string => typeof id === "string" && id !== ""))].sort();
  // A group-commit batch takes every lock up front; its projectors then ask again for the same ids.
  const held = tx.heldLocks;
  if (unique.length === 0 || (held && unique.every((id) => held.has(id)))) return;
  // Nothing is read from it: the statements sent after it run after it, so they run holding the locks.
  await sendWithoutWaiting(
    tx,
    `SELECT pg_advisory_xact_lock(hashtextextended(lock.id, 0))
       FROM unnest($1::text[]) WITH ORDINALITY AS lock (id, position) ORDER BY lock.position`,
    [unique],
  );
  if (held) for (const id of unique) held.add(id);
}
