import type { ActionResult } from "./result";

/**
 * A staff action sent again under the same action id may follow an attempt whose answer never
 * came: Stripe may have done the work. Within a day Stripe's idempotency key settles it (the resend
 * gets the first answer). Stripe may forget a key once it is 24 hours old and then treats the same
 * key as a new request (docs.stripe.com/idempotency), so after that only a look-up at Stripe stands
 * between a lost answer and a second payment. Every kind of action says which case it is.
 */
export type RetryPlan<T> =
  /** Sending the same request again cannot do more than the first did; the call site says why. */
  | { repeatable: true }
  /**
   * Reads Stripe for what an earlier attempt made, given when the action row was written. Only
   * strongly consistent reads (retrieve, list): Stripe's search trails writes by up to a minute, or
   * an hour in an outage (docs.stripe.com/search), so it could miss the object and charge twice.
   */
  | { lookUp: (startedAt: Date) => Promise<Found<T> | null> };

/** What the earlier attempt ended with: the object, or the error Stripe would have answered. */
export type Found<T> = { result: T } | { error: unknown };

/**
 * Keys are kept at least 24 hours; an hour less leaves room for our clock and Stripe's to differ
 * and for the first request to have reached Stripe a little after the row was written.
 */
export const KEY_LIFETIME_MS = 23 * 60 * 60 * 1000;

/** How far before the row's time an object made for it may carry a `created` stamp (clock skew). */
const CREATED_MARGIN_SECONDS = 60 * 60;

/** A `created[gte]` bound for listing what an action made: its objects come after its row. */
export function createdSince(startedAt: Date): { gte: number } {
  return { gte: Math.floor(startedAt.getTime() / 1000) - CREATED_MARGIN_SECONDS };
}

/** Metadata every object a staff action creates carries, so the action can find it again. */
export function actionMetadata(actionId: string): { ledgerline_action: string } {
  return { ledgerline_action: actionId };
}

/** The first object in a Stripe list (auto-paginated) that the action made. */
export async function madeByAction<O extends { metadata?: Record<string, string> | null }>(list: AsyncIterable<O>, actionId: string): Promise<O | null> {
  for await (const object of list) if (object.metadata?.ledgerline_action === actionId) return object;
  return null;
}

export type EarlierAttempt<T> = { found: Found<T> } | { refuse: ActionResult } | null;

/**
 * Before a resend: what the earlier attempt made (adopt it), nothing (send), or a refusal when
 * Stripe cannot be asked and its key no longer settles it: forgotten after a day, or `keySpent`,
 * answered with a 500 that Stripe replays to the key whatever the attempt did.
 */
export async function findEarlierAttempt<T>(plan: RetryPlan<T>, startedAt: Date, kind: string, keySpent = false): Promise<EarlierAttempt<T>> {
  if ("repeatable" in plan) return null;
  try {
    const found = await plan.lookUp(startedAt);
    return found ? { found } : null;
  } catch (error) {
    console.error(`staff action ${kind}: could not look up an earlier attempt at Stripe`, error);
    // Stripe still holds the key: the resend is answered with whatever the first attempt did.
    if (!keySpent && Date.now() - startedAt.getTime() < KEY_LIFETIME_MS) return null;
    if (keySpent) {
      return {
        refuse: {
          ok: false,
          code: "outcome_unknown",
          retryable: true,
          error: "Stripe had a problem while doing this action and could not be asked whether it went through, so nothing was sent again. Try again in a few minutes.",
        },
      };
    }
    return {
      refuse: {
        ok: false,
        code: "outcome_unknown",
        retryable: true,
        error:
          "This action was first sent more than a day ago and its answer never came back. Stripe could not be asked whether it went through, so nothing was sent again. Try again in a few minutes.",
      },
    };
  }
}
