import type { Tx } from "../mirror";
import type { StripeObject } from "../stripe-object";

/** What a projector is given: one Stripe object and the stamp that orders its snapshots. */
export interface ProjectionInput {
  object: StripeObject;
  /** event.created for events; for objects read from the API, the second Stripe served them (response-stamp.ts). */
  stamp: Date;
  /** The event type, or null when the object came from a list API (backfill). */
  eventType: string | null;
  /** The API version the event was rendered in; null for objects read through the SDK (its pinned version). */
  apiVersion?: string | null;
  /** Balance transactions of a paid payout, fetched from Stripe before the transaction opened. */
  payoutBalanceTransactions?: StripeObject[];
  /** Balance transactions the object names (fees and net), stored after it in the same transaction. */
  balanceTransactions?: StripeObject[];
  /**
   * True when `object` was just fetched from Stripe because the event's snapshot tied with the
   * stored one (same second): it is what Stripe holds now and wins that tie.
   */
  refetched?: boolean;
}

export type Projector = (tx: Tx, input: ProjectionInput) => Promise<void>;
