import { objectTimeline } from "@/lib/audit/timeline";
import { db } from "@/lib/db";
import { refundSituation } from "@/lib/refunds/refundable";
import { chargeSettlement } from "./settlement";

/** Everything the payment page shows, from our tables (no Stripe call on a page view). */
export async function paymentDetail(id: string) {
  const payment = await db().paymentIntent.findUnique({ where: { id } });
  if (!payment) return null;
  const [charges, refunds, disputes, warnings, customer, links] = await Promise.all([
    db().charge.findMany({ where: { paymentIntentId: id }, orderBy: [{ created: "desc" }, { id: "desc" }] }),
    db().refund.findMany({ where: { paymentIntentId: id }, orderBy: [{ created: "asc" }, { id: "asc" }] }),
    db().dispute.findMany({ where: { paymentIntentId: id }, orderBy: { created: "desc" } }),
    db().earlyFraudWarning.findMany({ where: { paymentIntentId: id }, orderBy: { created: "desc" } }),
    payment.customerId ? db().customer.findUnique({ where: { id: payment.customerId }, select: { id: true, name: true, email: true } }) : null,
    db().customerLink.findMany({ where: { paymentIntentId: id }, orderBy: { createdAt: "desc" }, take: 5 }),
  ]);
  const charge = charges.find((c) => c.id === payment.latestChargeId) ?? charges[0] ?? null;
  // Refunds found through the charge as well: a refund can name only the charge (payment_intent
  // null). Prisma's NOT would drop those NULLs, so the ones already listed are left out by id.
  const listed = new Set(refunds.map((r) => r.id));
  const byCharge = charge ? (await db().refund.findMany({ where: { chargeId: charge.id } })).filter((r) => !listed.has(r.id)) : [];
  const allRefunds = [...refunds, ...byCharge].sort((a, b) => a.created.getTime() - b.created.getTime() || a.id.localeCompare(b.id));
  const situation = charge ? await refundSituation(id) : null;
  const settlement = await chargeSettlement(charge);
  const timeline = await objectTimeline([id, ...charges.map((c) => c.id), ...allRefunds.map((r) => r.id), ...disputes.map((d) => d.id), ...warnings.map((w) => w.id)]);
  return { payment, charge, refunds: allRefunds, disputes, warnings, customer, links, situation, settlement, timeline };
}

export type PaymentDetail = NonNullable<Awaited<ReturnType<typeof paymentDetail>>>;
