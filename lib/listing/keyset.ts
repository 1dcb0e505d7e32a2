// Keyset pagination over (created DESC, id DESC). A page is "rows older than the cursor", found
// by a row comparison that PostgreSQL turns into an index range condition, so page 10,000 costs
// what page 1 costs. OFFSET would read and throw away every earlier row.
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";

export interface Cursor {
  created: Date;
  id: string;
}

export interface Page<T> {
  rows: T[];
  /** The cursor of the next (older) page, or null when this page is the last. */
  next: Cursor | null;
}

export const PAGE_SIZE = 25;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.created.toISOString()}|${cursor.id}`, "utf8").toString("base64url");
}

const cursorText = z.string().max(300).regex(/^[A-Za-z0-9_-]+$/);

/** A cursor from the URL; anything malformed is treated as "first page", never an error page. */
export function decodeCursor(value: unknown): Cursor | null {
  const parsed = cursorText.safeParse(value);
  if (!parsed.success) return null;
  const text = Buffer.from(parsed.data, "base64url").toString("utf8");
  const bar = text.indexOf("|");
  if (bar < 0) return null;
  const created = new Date(text.slice(0, bar));
  const id = text.slice(bar + 1);
  // Stripe's ids and our own uuids (alerts); the id is only ever bound as a parameter.
  if (Number.isNaN(created.getTime()) || !/^[A-Za-z0-9_-]{1,255}$/.test(id)) return null;
  return { created, id };
}

/** `AND (created, id) < (…)` for the page after `cursor`; nothing for the first page. */
export function olderThan(cursor: Cursor | null, table?: string): Prisma.Sql {
  if (!cursor) return Prisma.empty;
  const prefix = table ? `${table}.` : "";
  return Prisma.sql`AND (${Prisma.raw(`${prefix}created`)}, ${Prisma.raw(`${prefix}id`)}) < (${cursor.created.toISOString()}::timestamptz, ${cursor.id})`;
}

/** Callers fetch limit + 1 rows: the extra one only proves a next page exists. */
export function toPage<T extends Cursor>(rows: T[], limit: number): Page<T> {
  if (rows.length <= limit) return { rows, next: null };
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return { rows: shown, next: last ? { created: last.created, id: last.id } : null };
}
