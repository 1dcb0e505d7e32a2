import { flag, integer, type StripeObject } from "../stripe-object";

/**
 * Releasing an authorisation is never a refund here: not the uncaptured rest of a partial capture,
 * not a cancelled or expired authorisation. Since API 2025-03-31.basil Stripe agrees (changelog
 * "Partially capturing or canceling payments no longer creates a Refund"); older versions made a
 * Refund for the released part and counted it in the charge's amount_refunded. A payment's
 * refundable amount is therefore amount_captured − real refunds, whichever version an event was in:
 *   - a charge never captured has refunded nothing;
 *   - a charge snapshot rendered before basil counts the release in amount_refunded, so it is taken
 *     off (amount − amount_captured); in any version, a release we hold as a Refund object is taken
 *     off too, since Stripe's amount_refunded sums the charge's Refunds (UNCONFIRMED for a pinned-
 *     version render of a charge captured by an older-version request: it may already leave it out);
 *   - a Refund object is the release (refunds.releases_authorisation) when it belongs to a charge
 *     never captured, has reason expired_uncaptured_charge, or is the first refund of a partially
 *     captured charge, for exactly the uncaptured part, made no later than the capture (the
 *     charge.captured event we hold; without one, the amount alone decides) — old versions wrote it
 *     in the capture's own request, and no real refund can come before a capture.
 */

const FIRST_VERSION_WITHOUT_RELEASE_REFUNDS = "2025-03-31";

/** Whether a snapshot in this API version counts a release in amount_refunded; null = the pinned version. */
export function countsReleaseAsRefund(apiVersion: string | null | undefined): boolean {
  return typeof apiVersion === "string" && apiVersion.slice(0, 10) < FIRST_VERSION_WITHOUT_RELEASE_REFUNDS;
}

/** What a charge snapshot says was really refunded, without any released authorisation. */
export function refundedInSnapshot(charge: StripeObject, apiVersion: string | null | undefined): bigint {
  if (!flag(charge, "captured")) return 0n;
  const refunded = BigInt(integer(charge, "amount_refunded") ?? 0);
  if (!countsReleaseAsRefund(apiVersion)) return refunded;
  const released = BigInt((integer(charge, "amount") ?? 0) - (integer(charge, "amount_captured") ?? 0));
  return refunded > released ? refunded - released : 0n;
}

/** SQL: marks the refunds of charge $1 that are releases of its authorisation (see above). */
export const MARK_RELEASE_REFUNDS = `
  WITH c AS (SELECT id, captured, amount, amount_captured FROM charges WHERE id = $1),
  captured_at AS (
    SELECT min(created) AS at FROM stripe_events WHERE object_id = $1 AND type = 'charge.captured'
  ),
  first_refund AS (SELECT id FROM refunds WHERE charge_id = $1 ORDER BY created, id LIMIT 1),
  marked AS (
    SELECT r.id,
           r.reason IS NOT DISTINCT FROM 'expired_uncaptured_charge'
           OR COALESCE(NOT c.captured, false)
           OR COALESCE(c.captured AND c.amount_captured > 0 AND c.amount_captured < c.amount
                       AND r.amount = c.amount - c.amount_captured
                       AND r.id = (SELECT id FROM first_refund)
                       AND r.created < COALESCE((SELECT at FROM captured_at), 'infinity'::timestamptz) + interval '1 second', false)
             AS release
      FROM refunds r LEFT JOIN c ON true
     WHERE r.charge_id = $1
  ),
  updated AS (
    UPDATE refunds r SET releases_authorisation = marked.release, updated_at = now()
      FROM marked WHERE r.id = marked.id AND r.releases_authorisation IS DISTINCT FROM marked.release
    RETURNING r.balance_transaction_id, r.releases_authorisation
  )
  -- The refund's balance transaction follows, so the overview moves it between refunds and gross.
  UPDATE balance_transactions b SET releases_authorisation = u.releases_authorisation, updated_at = now()
    FROM updated u WHERE b.id = u.balance_transaction_id AND b.releases_authorisation IS DISTINCT FROM u.releases_authorisation`;
