import { db } from "@/lib/db";
import { projectorFor } from "@/lib/webhooks/projectors";
import { isRecord, type StripeObject } from "@/lib/webhooks/stripe-object";

/**
 * Writes what an API response told us into the mirror tables at once, through the same projectors
 * the webhooks use. The webhook for the same change arrives later and converges under the `>=`
 * rule on synced_at; `stamp` is the second Stripe served the response (responseStamp), never our
 * clock, so that the two are ordered by one clock.
 */
export async function projectApiObjects(objects: ReadonlyArray<unknown>, stamp: Date): Promise<void> {
  const known = objects.filter((o): o is StripeObject => isRecord(o) && typeof o.id === "string" && projectorFor(o as StripeObject) !== null);
  if (known.length === 0) return;
  await db().$transaction(async (tx) => {
    for (const object of known) {
      await projectorFor(object)!(tx, { object, stamp, eventType: null });
    }
  });
}
