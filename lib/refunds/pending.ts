// A refund that stays pending must not look as if it will settle by itself forever. Stripe says a
// card refund reaches the customer in 5–10 business days (docs.stripe.com/refunds, "Refund
// destinations"); 10 business days are at most 14 calendar days, after which staff should ask.

export const PENDING_REFUND_EXPECTED_DAYS = 14;
const DAY_MS = 86_400_000;

/** Days a still-unsettled refund has waited past Stripe's time, or null when it is within it or settled. */
export function refundOverdueDays(status: string, created: Date, now: Date = new Date()): number | null {
  if (status !== "pending" && status !== "requires_action") return null;
  const days = Math.floor((now.getTime() - created.getTime()) / DAY_MS);
  return days > PENDING_REFUND_EXPECTED_DAYS ? days : null;
}
