import { idOf, isRecord, type StripeObject } from "./stripe-object";

/**
 * Which objects an event touches, for timelines: the object itself and the ones it names (a refund
 * touches its charge and payment; a dispute its charge). Derived from the payload alone, so a link
 * exists even when the projection failed.
 */

const RELATED_FIELDS: ReadonlyArray<[field: string, type: string]> = [
  ["charge", "charge"],
  ["payment_intent", "payment_intent"],
  ["customer", "customer"],
  ["payment_method", "payment_method"],
  ["setup_intent", "setup_intent"],
  ["payout", "payout"],
];

export interface ObjectLink {
  objectId: string;
  objectType: string;
}

export function objectsTouchedBy(object: StripeObject): ObjectLink[] {
  const links = new Map<string, string>();
  if (typeof object.id === "string" && typeof object.object === "string") links.set(object.id, object.object);
  for (const [field, type] of RELATED_FIELDS) {
    const id = idOf(object, field);
    if (id && !links.has(id)) links.set(id, type);
  }
  // A payment's latest charge, so a charge's timeline includes the payment's own events.
  const latestCharge = idOf(object, "latest_charge");
  if (latestCharge && !links.has(latestCharge)) links.set(latestCharge, "charge");
  return [...links].map(([objectId, objectType]) => ({ objectId, objectType }));
}

/**
 * The links an event stores: every object it and the objects projected with it touch, but its own
 * object, which the event's row names already (stripe_events.object_id, indexed): a timeline reads
 * both, and a third of the links, with their two index entries each, are not written.
 */
export function linksToStore(object: StripeObject, related: readonly StripeObject[] = []): ObjectLink[] {
  const own = primaryObject(object).id;
  const links = [object, ...related].flatMap(objectsTouchedBy).filter((link) => link.objectId !== own);
  return [...new Map(links.map((link) => [link.objectId, link])).values()];
}

export function primaryObject(object: StripeObject): { id: string | null; type: string } {
  return {
    id: typeof object.id === "string" ? object.id : null,
    type: typeof object.object === "string" ? object.object : isRecord(object) ? "unknown" : "unknown",
  };
}
