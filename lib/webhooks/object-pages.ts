// Where each object an event touches is shown in the dashboard. A charge, refund or fraud warning
// lives on its payment's page and a saved card or card setup on its customer's, so those are looked
// up in the mirror; an object we have no page for, or have not mirrored yet, has none.
import { db } from "@/lib/db";

export interface TouchedObject {
  objectId: string;
  objectType: string;
}

const OWN_PAGE: Record<string, string> = {
  payment_intent: "/payments/",
  dispute: "/disputes/",
  payout: "/payouts/",
  customer: "/customers/",
};

/** objectId → the dashboard page that shows it, for those that have one. */
export async function objectPages(objects: TouchedObject[]): Promise<Map<string, string>> {
  const pages = new Map<string, string>();
  const ids = (type: string) => objects.filter((o) => o.objectType === type).map((o) => o.objectId);
  for (const o of objects) {
    const base = OWN_PAGE[o.objectType];
    if (base) pages.set(o.objectId, `${base}${o.objectId}`);
  }
  const [charges, refunds, warnings, cards, setups] = await Promise.all([
    db().charge.findMany({ where: { id: { in: ids("charge") } }, select: { id: true, paymentIntentId: true } }),
    db().refund.findMany({ where: { id: { in: ids("refund") } }, select: { id: true, paymentIntentId: true } }),
    db().earlyFraudWarning.findMany({ where: { id: { in: ids("radar.early_fraud_warning") } }, select: { id: true, paymentIntentId: true } }),
    db().paymentMethod.findMany({ where: { id: { in: ids("payment_method") } }, select: { id: true, customerId: true } }),
    db().setupIntent.findMany({ where: { id: { in: ids("setup_intent") } }, select: { id: true, customerId: true } }),
  ]);
  for (const row of [...charges, ...refunds, ...warnings]) if (row.paymentIntentId) pages.set(row.id, `/payments/${row.paymentIntentId}`);
  for (const row of [...cards, ...setups]) if (row.customerId) pages.set(row.id, `/customers/${row.customerId}`);
  return pages;
}
