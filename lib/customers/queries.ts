import { db } from "@/lib/db";

/** Read models for a customer's page; the Customers list is in ./list.ts. */

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
