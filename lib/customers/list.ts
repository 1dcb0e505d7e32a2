// The Customers list: search by exact id, exact email (stored lowercase, indexed) or the start of a
// name in any case (the expression index on lower(name) from customer_name_prefix_search), with a
// date range and sort like every list. Deleted customers stay out.
import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ListCount } from "@/lib/listing/count";
import type { Cursor, Page } from "@/lib/listing/keyset";
import { countList, everyRow, listPage, listPageQuery, type ListContext, type ListSource } from "@/lib/listing/list-query";
import { checkDayRange, dayRangeFields, lenient } from "@/lib/listing/search-params";
import { DATE_SORTS, sortField } from "@/lib/listing/sort";

export const customerFiltersSchema = z.object({
  q: lenient(z.string().trim().min(1).max(200)),
  ...dayRangeFields(),
  sort: sortField(DATE_SORTS),
}).superRefine(checkDayRange);

export type CustomerFilters = z.infer<typeof customerFiltersSchema>;

export interface CustomerListRow {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  created: Date;
  cards: number;
}

export const CUSTOMER_PAGE_SIZE = 50;

/** `lower(name) LIKE 'prefix%'` with the prefix's own %, _ and \ taken literally. */
function namePrefixPattern(q: string): string {
  return `${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function searchCondition(q: string): Prisma.Sql {
  if (/^cus_/.test(q)) return Prisma.sql`AND id = ${q}`;
  if (q.includes("@")) return Prisma.sql`AND email = ${q.toLowerCase()}`;
  return Prisma.sql`AND lower(name) LIKE ${namePrefixPattern(q)}`;
}

type CustomerRow = Omit<CustomerListRow, "cards">;

export const customersList: ListSource<CustomerFilters> = {
  from: Prisma.sql`FROM customers`,
  columns: Prisma.sql`id, name, email, phone, created`,
  where: (filters) => Prisma.sql`AND deleted = false ${filters.q ? searchCondition(filters.q) : Prisma.empty}`,
};

export function customersPageQuery(filters: CustomerFilters, timeZone: string, cursor: Cursor | null, limit = CUSTOMER_PAGE_SIZE): Prisma.Sql {
  return listPageQuery(customersList, filters, { timeZone }, cursor, limit);
}

/** Each customer with the number of cards saved on it, counted for the rows in hand only. */
async function withCardCounts(rows: CustomerRow[]): Promise<CustomerListRow[]> {
  const counts = rows.length
    ? await db().paymentMethod.groupBy({ by: ["customerId"], where: { customerId: { in: rows.map((r) => r.id) } }, _count: { _all: true } })
    : [];
  const cards = new Map(counts.map((c) => [c.customerId, c._count._all]));
  return rows.map((r) => ({ ...r, cards: cards.get(r.id) ?? 0 }));
}

export async function listCustomers(filters: CustomerFilters, options: Partial<ListContext> & { cursor?: Cursor | null; limit?: number } = {}): Promise<Page<CustomerListRow>> {
  const page = await listPage<CustomerRow, CustomerFilters>(customersList, filters, { timeZone: "UTC", limit: CUSTOMER_PAGE_SIZE, ...options });
  return { rows: await withCardCounts(page.rows), next: page.next };
}

export function countCustomers(filters: CustomerFilters, context: ListContext, bound?: number): Promise<ListCount> {
  return countList(customersList, filters, context, bound);
}

export async function* allCustomers(filters: CustomerFilters, context: ListContext, batchSize?: number): AsyncGenerator<CustomerListRow[]> {
  for await (const batch of everyRow<CustomerRow, CustomerFilters>(customersList, filters, context, batchSize)) yield withCardCounts(batch);
}
