import { STRIPE_API_VERSION } from "@/lib/stripe/api-version";
import type { StripeEventEnvelope } from "./event";
import type { RecordDependencies } from "./record";
import type { StripeObject } from "./stripe-object";

/**
 * Stripe renders an event in the API version of the endpoint it is sent to — the account's default
 * for an endpoint created without one — and lists events in the account's default version
 * (docs.stripe.com/webhooks/versioning). Every projector reads objects as the SDK's pinned version
 * shapes them, so an event in any other version is never projected from its own snapshot: it is
 * recorded as it came (and flagged on the Events page), and the object is fetched through the SDK,
 * which renders it in the pinned version. Projecting "the fields that do not differ" would need a
 * list of every difference between two versions, and one missed difference is a wrong mirror;
 * a GET per such event is the price, and only while an old endpoint is still sending.
 *
 * What older versions leave out must be asked for too: before 2024-10-28 Stripe sent no refund.*
 * events for refunds of charges, only charge.refunded (changelog "Adds created, updated, and failed
 * events for all refund types"), so such an event also lists the charge's refunds.
 */

export function isInOtherApiVersion(event: Pick<StripeEventEnvelope, "api_version">): boolean {
  return event.api_version !== STRIPE_API_VERSION;
}

export interface PinnedCopy {
  object: StripeObject;
  /** Objects the event stands for that its version sent no event of their own about. */
  related: StripeObject[];
}

export async function fetchPinnedCopy(event: StripeEventEnvelope, dependencies: RecordDependencies): Promise<PinnedCopy> {
  const object = event.data.object as StripeObject;
  if (typeof object.id !== "string") throw new Error("The event's object has no id to fetch it by");
  if (!dependencies.fetchCurrentObject) throw new Error("No Stripe client to fetch it");
  const current = await dependencies.fetchCurrentObject(String(object.object), object.id);
  let related: StripeObject[] = [];
  if (object.object === "charge" && event.type === "charge.refunded") {
    if (!dependencies.listChargeRefunds) throw new Error("No Stripe client to list the charge's refunds");
    related = await dependencies.listChargeRefunds(object.id);
  }
  return { object: current, related };
}
