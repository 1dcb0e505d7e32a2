// Keyset pagination over (sort key, id) in one direction. A page is "rows after the cursor", found
// by a row comparison that PostgreSQL turns into an index range condition, so page 10,000 costs
// what page 1 costs. OFFSET would read and throw away every earlier row.
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import { LIST_SORTS, type ListSort } from "./sort";

export interface Cursor {
  created: Date;
  id: string;
  /** Set on pages sorted by amount, whose keyset is (amount, id). */
  amount?: bigint;
}

export interface Page<T> {
  rows: T[];
  /** The cursor of the next page, or null when this page is the last. */
  next: Cursor | null;
}

export const PAGE_SIZE = 25;

export function encodeCursor(cursor: Cursor): string {
  const amount = cursor.amount === undefined ? "" : `|${cursor.amount}`;
  return Buffer.from(`${cursor.created.toISOString()}|${cursor.id}${amount}`, "utf8").toString("base64url");
}

const cursorText = z.string().max(300).regex(/^[A-Za-z0-9_-]+$/);

/** A cursor from the URL; anything malformed is treated as "first page", never an error page. */
export function decodeCursor(value: unknown): Cursor | null {
  const parsed = cursorText.safeParse(value);
  if (!parsed.success) return null;
  const [at, id, amount, ...rest] = Buffer.from(parsed.data, "base64url").toString("utf8").split("|");
  if (at === undefined || id === undefined || rest.length) return null;
  const created = new Date(at);
  // Stripe's ids and our own uuids (alerts); the id is only ever bound as a parameter.
  if (Number.isNaN(created.getTime()) || !/^[A-Za-z0-9_-]{1,255}$/.test(id)) return null;
  if (amount === undefined) return { created, id };
  return /^-?\d{1,19}$/.test(amount) ? { created, id, amount: BigInt(amount) } : null;
}

/** `AND (created, id) < (…)` for the page after `cursor`, newest first; nothing for the first page. */
export function olderThan(cursor: Cursor | null, table?: string): Prisma.Sql {
  return afterCursor(cursor, "newest", { table });
}

/**
 * The condition for the page after `cursor` in the given order; nothing for the first page, or for
 * a cursor made under another order (an amount sort's cursor needs its amount), which restarts.
 */
export function afterCursor(cursor: Cursor | null, sort: ListSort, options: { table?: string; createdColumn?: string } = {}): Prisma.Sql {
  if (!cursor) return Prisma.empty;
  const { key, descending } = LIST_SORTS[sort];
  const prefix = options.table ? `${options.table}.` : "";
  const column = Prisma.raw(`${prefix}${key === "amount" ? "amount" : (options.createdColumn ?? "created")}`);
  const id = Prisma.raw(`${prefix}id`);
  const direction = Prisma.raw(descending ? "<" : ">");
  if (key === "amount") {
    if (cursor.amount === undefined) return Prisma.empty;
    return Prisma.sql`AND (${column}, ${id}) ${direction} (${cursor.amount}, ${cursor.id})`;
  }
  return Prisma.sql`AND (${column}, ${id}) ${direction} (${cursor.created.toISOString()}::timestamptz, ${cursor.id})`;
}

/** `ORDER BY` for a sort, always ending in id so ties have one order and pages never overlap. */
export function orderBy(sort: ListSort, options: { table?: string; createdColumn?: string } = {}): Prisma.Sql {
  const { key, descending } = LIST_SORTS[sort];
  const prefix = options.table ? `${options.table}.` : "";
  const column = key === "amount" ? "amount" : (options.createdColumn ?? "created");
  const direction = descending ? "DESC" : "ASC";
  return Prisma.raw(`ORDER BY ${prefix}${column} ${direction}, ${prefix}id ${direction}`);
}

/** Callers fetch limit + 1 rows: the extra one only proves a next page exists. */
export function toPage<T extends { created: Date; id: string }>(rows: T[], limit: number): Page<T> {
  if (rows.length <= limit) return { rows, next: null };
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  if (!last) return { rows: shown, next: null };
  const amount = (last as { amount?: unknown }).amount;
  return { rows: shown, next: { created: last.created, id: last.id, ...(typeof amount === "bigint" ? { amount } : {}) } };
}
