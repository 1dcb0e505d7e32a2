// The one shape every list query takes: its table's FROM, its filters as SQL, then the same keyset
// page, bounded count and batch walk for all of them, so a list's page, count and CSV can never
// disagree about which rows the filters select.
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { countUpTo, type ListCount } from "./count";
import { afterCursor, orderBy, PAGE_SIZE, toPage, type Cursor, type Page } from "./keyset";
import { createdRange } from "./search-params";
import type { ListSort } from "./sort";

export interface ListContext {
  timeZone: string;
  /** The viewer's number format, in which amount filters were typed. */
  locale?: string;
}

export interface ListSource<F> {
  /** `FROM …`, joins included. */
  from: Prisma.Sql;
  columns: Prisma.Sql;
  /** The qualified columns the keyset reads, when a join makes bare names ambiguous. */
  table?: string;
  createdColumn?: string;
  /** `AND …` conditions for the filters; the date range is added from `from`/`to`. */
  where(filters: F, context: ListContext): Prisma.Sql;
}

export interface ListFilters {
  from?: string;
  to?: string;
  sort?: ListSort;
}

function conditions<F extends ListFilters>(source: ListSource<F>, filters: F, context: ListContext): Prisma.Sql {
  const column = Prisma.raw(`${source.table ? `${source.table}.` : ""}${source.createdColumn ?? "created"}`);
  const range = createdRange(filters.from, filters.to, context.timeZone);
  return Prisma.sql`WHERE true ${source.where(filters, context)}
    ${range.from ? Prisma.sql`AND ${column} >= ${range.from.toISOString()}::timestamptz` : Prisma.empty}
    ${range.before ? Prisma.sql`AND ${column} < ${range.before.toISOString()}::timestamptz` : Prisma.empty}`;
}

export function listPageQuery<F extends ListFilters>(source: ListSource<F>, filters: F, context: ListContext, cursor: Cursor | null, limit: number): Prisma.Sql {
  const sort = filters.sort ?? "newest";
  const keys = { table: source.table, createdColumn: source.createdColumn };
  return Prisma.sql`SELECT ${source.columns} ${source.from} ${conditions(source, filters, context)}
    ${afterCursor(cursor, sort, keys)} ${orderBy(sort, keys)} LIMIT ${limit + 1}`;
}

export async function listPage<R extends { created: Date; id: string }, F extends ListFilters>(
  source: ListSource<F>,
  filters: F,
  options: ListContext & { cursor?: Cursor | null; limit?: number },
): Promise<Page<R>> {
  const limit = options.limit ?? PAGE_SIZE;
  const rows = await db().$queryRaw<R[]>(listPageQuery(source, filters, options, options.cursor ?? null, limit));
  return toPage(rows, limit);
}

/** The statement behind `countList`, for EXPLAIN in the page benchmark. */
export function listCountSource<F extends ListFilters>(source: ListSource<F>, filters: F, context: ListContext): Prisma.Sql {
  return Prisma.sql`${source.from} ${conditions(source, filters, context)}`;
}

export function countList<F extends ListFilters>(source: ListSource<F>, filters: F, context: ListContext, bound?: number): Promise<ListCount> {
  return countUpTo(listCountSource(source, filters, context), bound);
}

/** Every matching row in the list's order, a batch at a time (for CSV). */
export async function* everyRow<R extends { created: Date; id: string }, F extends ListFilters>(
  source: ListSource<F>,
  filters: F,
  context: ListContext,
  batchSize = 1000,
): AsyncGenerator<R[]> {
  let cursor: Cursor | null = null;
  do {
    const page: Page<R> = await listPage<R, F>(source, filters, { ...context, cursor, limit: batchSize });
    if (page.rows.length) yield page.rows;
    cursor = page.next;
  } while (cursor);
}
