import { z } from "zod";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

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

/** Search by exact id, exact email (indexed, stored lowercase) or name prefix. */
export async function listCustomers(input: z.infer<typeof customerSearchSchema>): Promise<{ rows: CustomerListRow[]; next: string | null }> {
  const where: Prisma.CustomerWhereInput = { deleted: false };
  const q = input.q;
  if (q) {
    if (/^cus_/.test(q)) where.id = q;
    else if (q.includes("@")) where.email = q.toLowerCase();
    else where.name = { startsWith: q, mode: "insensitive" };
  }
  if (input.after) {
    const [at, id] = input.after.split("|") as [string, string];
    const created = new Date(at);
    where.AND = [{ OR: [{ created: { lt: created } }, { created, id: { lt: id } }] }];
  }
  const rows = await db().customer.findMany({ where, orderBy: [{ created: "desc" }, { id: "desc" }], take: CUSTOMER_PAGE_SIZE + 1 });
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
