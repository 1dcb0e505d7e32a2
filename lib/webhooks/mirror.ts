import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Writes of Stripe snapshots into the mirror tables. One rule guards every write: a snapshot is
 * stored only if its stamp is at least the stored one (`>=`), so an older event never overwrites a
 * newer one and a later event of the same second still applies. The rule lives in the SQL
 * (`ON CONFLICT … WHERE synced_at <= EXCLUDED.synced_at`), not in process memory, so it holds
 * across app instances.
 */

export type Tx = Prisma.TransactionClient;

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
  if (value !== null && typeof value === "object" && !(value instanceof Date)) return JSON.stringify(value.json);
  if (typeof value === "bigint") return value.toString();
  return value;
}

/** Inserts or updates one mirror row under the `>=` rule. Returns whether the snapshot was applied. */
export async function upsertMirror(tx: Tx, table: MirrorTable, row: MirrorRow, options: UpsertOptions = {}): Promise<boolean> {
  const columns = Object.keys(row);
  for (const column of columns) if (!IDENTIFIER.test(column)) throw new Error(`Bad column name ${column}`);
  const values = columns.map((c) => row[c] as ColumnValue);
  const keep = new Set(options.keepWhenNull ?? []);
  const updates = columns
    .filter((c) => c !== "id")
    .map((c) => (keep.has(c) ? `"${c}" = COALESCE(EXCLUDED."${c}", t."${c}")` : `"${c}" = EXCLUDED."${c}"`));
  const sql =
    `INSERT INTO "${table}" AS t (${columns.map((c) => `"${c}"`).join(", ")}) ` +
    `VALUES (${values.map((v, i) => placeholder(v, i + 1)).join(", ")}) ` +
    `ON CONFLICT ("id") DO UPDATE SET ${updates.join(", ")}, "updated_at" = now() ` +
    (options.progress
      ? `WHERE t."synced_at" < EXCLUDED."synced_at" OR (t."synced_at" = EXCLUDED."synced_at" AND ` +
        `${options.progress.replaceAll("{data}", "EXCLUDED.\"data\"")} >= ${options.progress.replaceAll("{data}", "t.\"data\"")})`
      : `WHERE t."synced_at" <= EXCLUDED."synced_at"`);
  const count = await tx.$executeRawUnsafe(sql, ...values.map(parameter));
  return count > 0;
}

/**
 * Serialises projections that touch the same objects (a refund and its charge, say), so the
 * summaries recomputed from several tables see each other's committed rows. Locks are taken in a
 * fixed order to rule out deadlocks and released at commit.
 */
export async function lockObjects(tx: Tx, ids: Iterable<string | null | undefined>): Promise<void> {
  const unique = [...new Set([...ids].filter((id): id is string => typeof id === "string" && id !== ""))].sort();
  for (const id of unique) {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, id);
  }
}
