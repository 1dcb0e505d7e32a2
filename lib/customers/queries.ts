import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

/** Read models for the customer pages. Lists are keyset-paginated on (created, id). */

export const customerSearchSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  after: z.string().regex(/^[0-9T:.\-Z]+\|cus_[A-Za-z0-9]+$/).optional().catch(undefined),
});

export interface CustomerListRow {
  id: string;
  name: string | null;
  email: string | null;
  created: Date;
  cards: number;
}

export const CUSTOMER_PAGE_SIZE = 50;

/** `lower(name) LIKE 'prefix%'` with the prefix's own %, _ and \ taken literally. */
function namePrefixPattern(q: string): string {
  return `${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

interface CustomerRow {
  id: string;
  name: string | null;
  email: string | null;
  created: Date;
}

/**
 * Customers whose name starts with `q`, any case. Written in SQL because the index that makes it
 * fast, on lower(name), is an expression Prisma's query builder cannot target; the planner picks it
 * for a rare prefix and the (created, id) index for a common one.
 */
function customersByNamePrefix(q: string, after: { created: Date; id: string } | null, limit: number): Promise<CustomerRow[]> {
  const older = after ? Prisma.sql`AND (created, id) < (${after.created.toISOString()}::timestamptz, ${after.id})` : Prisma.empty;
  return db().$queryRaw<CustomerRow[]>`
    SELECT id, name, email, created FROM customers
    WHERE deleted = false AND lower(name) LIKE ${namePrefixPattern(q)} ${older}
    ORDER BY created DESC, id DESC LIMIT ${limit}`;
}

/** Search by exact id, exact email (indexed, stored lowercase) or name prefix. */
export async function listCustomers(input: z.infer<typeof customerSearchSchema>): Promise<{ rows: CustomerListRow[]; next: string | null }> {
  const [at, afterId] = input.after ? (input.after.split("|") as [string, string]) : [];
  const after = at && afterId ? { created: new Date(at), id: afterId } : null;
  const q = input.q;
  let rows: CustomerRow[];
  if (q && !/^cus_/.test(q) && !q.includes("@")) {
    rows = await customersByNamePrefix(q, after, CUSTOMER_PAGE_SIZE + 1);
  } else {
    const where: Prisma.CustomerWhereInput = { deleted: false };
    if (q) {
      if (/^cus_/.test(q)) where.id = q;
      else where.email = q.toLowerCase();
    }
    if (after) where.AND = [{ OR: [{ created: { lt: after.created } }, { created: after.created, id: { lt: after.id } }] }];
    rows = await db().customer.findMany({ where, select: { id: true, name: true, email: true, created: true }, orderBy: [{ created: "desc" }, { id: "desc" }], take: CUSTOMER_PAGE_SIZE + 1 });
  }
  const page = rows.slice(0, CUSTOMER_PAGE_SIZE);
  const counts = page.length
    ? await db().paymentMethod.groupBy({ by: ["customerId"], where: { customerId: { in: page.map((r) => r.id) } }, _count: { _all: true } })
    : [];
  const cards = new Map(counts.map((c) => [c.customerId, c._count._all]));
  const last = page[page.length - 1];
  return {
    rows: page.map((r) => ({ id: r.id, name: r.name, email: r.email, created: r.created, cards: cards.get(r.id) ?? 0 })),
    next: rows.length > CUSTOMER_PAGE_SIZE && last ? `${last.created.toISOString()}|${last.id}` : null,
  };
}

export async function customerDetail(id: string) {
  const customer = await db().customer.findUnique({ where: { id } });
  if (!customer) return null;
  const [cards, payments, links] = await Promise.all([
    db().paymentMethod.findMany({ where: { customerId: id }, orderBy: [{ created: "desc" }, { id: "desc" }] }),
    db().paymentIntent.findMany({ where: { customerId: id }, orderBy: [{ created: "desc" }, { id: "desc" }], take: 25 }),
    db().customerLink.findMany({ where: { customerId: id }, orderBy: { createdAt: "desc" }, take: 25, include: { createdBy: { select: { name: true } } } }),
  ]);
  return {
    customer,
    cards: cards.map((c) => ({
      id: c.id,
      brand: c.cardBrand,
      last4: c.cardLast4,
      expMonth: c.cardExpMonth,
      expYear: c.cardExpYear,
      isDefault: c.id === customer.defaultPaymentMethodId,
    })),
    payments,
    links: links.map((l) => ({
      id: l.id,
      purpose: l.purpose,
      createdAt: l.createdAt,
      expiresAt: l.expiresAt,
      usedAt: l.usedAt,
      revokedAt: l.revokedAt,
      createdBy: l.createdBy.name,
      paymentIntentId: l.paymentIntentId,
    })),
  };
}

export type CustomerDetail = NonNullable<Awaited<ReturnType<typeof customerDetail>>>;
