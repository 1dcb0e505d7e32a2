import { draftsForEvent } from "@/lib/alerts/rules";
import type { StripeEventEnvelope } from "../event";
import { isInOtherApiVersion } from "../other-version";
import { PAYOUT_RECONCILED_EVENTS, payoutIsItemisable, projectorFor } from "../projectors";
import type { StripeObject } from "../stripe-object";

/**
 * Whether an event can be committed with others: its projection is the event's own snapshot and
 * nothing else, so it needs no call to Stripe and writes only mirror rows. The same conditions as
 * record.ts, read the other way round: a payout whose balance transactions must be listed, an event
 * in another API version (projected from Stripe's copy, and told as an alert), an event that raises
 * alerts (written through Prisma's models) and an object we have no projector for stay on the
 * single path. Balance transactions named by id are checked against the database per batch
 * (commit-batch.ts), since only the database knows whether they are held.
 */
export function canJoinBatch(event: StripeEventEnvelope): boolean {
  const object = event.data.object as StripeObject;
  if (!projectorFor(object)) return false;
  if (PAYOUT_RECONCILED_EVENTS.has(event.type) && typeof object.id === "string" && payoutIsItemisable(object)) return false;
  if (isInOtherApiVersion(event)) return false;
  return draftsForEvent({ id: event.id, type: event.type, object }).length === 0;
}
