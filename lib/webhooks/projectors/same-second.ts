import type { ProjectionInput } from "./types";

/**
 * What a projector does when its snapshot carries the same second as the stored one. Stripe stamps
 * events in whole seconds and does not deliver them in order, so two changes of one second cannot be
 * ordered from the events alone: Stripe's advice is to fetch the object and use what it holds now.
 *   - an event's snapshot: "refetch" (record.ts fetches the object outside the transaction and
 *     projects it again, once per tie, never when the stamps differ);
 *   - the fetched object: "apply", it is at least as new as every snapshot of that second;
 *   - an object read from the API (a staff action's answer, backfill): stamped with the second
 *     Stripe served it, its progress decides.
 */
export function onSameSecond(input: ProjectionInput): "refetch" | "apply" | undefined {
  if (input.refetched) return "apply";
  if (input.eventType === null) return undefined;
  return "refetch";
}
