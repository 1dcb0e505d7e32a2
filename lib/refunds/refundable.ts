import { projectApiObjects } from "@/lib/audit/project";
import { db } from "@/lib/db";
import { stripe } from "@/lib/stripe/client";
import { responseStamp } from "@/lib/stripe/response-stamp";

/**
 * What is left to refund on a payment, recomputed from our tables on every attempt:
 * amount_captured − Σ(pending and succeeded refunds). A failed or canceled refund gave its money back,
 * and a released authorisation (the uncaptured rest of a partial capture) was never a refund
 * (lib/webhooks/projectors/released.ts).
 */

const HOLDING_REFUND_STATUSES = ["pending", "succeeded", "requires_action"];
/** While a dispute is in these states Stripe refuses refunds outside the dispute. */
const OPEN_DISPUTE_STATUSES = ["needs_response", "under_review", "warning_needs_response", "warning_under_review"];

export interface RefundSituation {
  paymentIntentId: string;
  chargeId: string | null;
  currency: string;
  captured: bigint;
  refunded: bigint;
  remaining: bigint;
  /** Why no refund is possible right now, in the merchant's words; null when one is. */
  blockedBecause: string | null;
}

export async function refundSituation(paymentIntentId: string): Promise<RefundSituation | null> {
  const payment = await db().paymentIntent.findUnique({ where: { id: paymentIntentId } });
  if (!payment) return null;
  const charge = payment.latestChargeId ? await chargeRow(payment.latestChargeId) : null;
  const base = { paymentIntentId, chargeId: charge?.id ?? null, currency: payment.currency };
  if (!charge || charge.status !== "succeeded" || !charge.captured) {
    return { ...base, captured: 0n, refunded: 0n, remaining: 0n, blockedBecause: "Only a successful payment can be refunded." };
  }
  const [refunds, openDispute, resolvedDispute] = await Promise.all([
    db().refund.aggregate({ where: { chargeId: charge.id, status: { in: HOLDING_REFUND_STATUSES }, releasesAuthorisation: false }, _sum: { amount: true } }),
    db().dispute.findFirst({ where: { chargeId: charge.id, status: { in: OPEN_DISPUTE_STATUSES }, isChargeRefundable: false } }),
    // A dispute prevented by resolution has already given the customer the money back (a blocked one has not).
    db().dispute.findFirst({ where: { chargeId: charge.id, status: "prevented", isChargeRefundable: false } }),
  ]);
  const captured = charge.amountCaptured > 0n ? charge.amountCaptured : charge.amount;
  // Our refund rows can lag behind a refund made in Stripe's dashboard; the charge's own total is then
  // ahead. Both count real refunds only.
  const refunded = [refunds._sum.amount ?? 0n, charge.amountRefunded].reduce((a, b) => (a > b ? a : b));
  const remaining = captured - refunded > 0n ? captured - refunded : 0n;
  let blockedBecause: string | null = null;
  if (openDispute) blockedBecause = "This payment is disputed. It cannot be refunded while the dispute is open; respond to the dispute instead.";
  else if (resolvedDispute) blockedBecause = "Stripe resolved a dispute on this payment by refunding the customer through it: there is nothing left to refund.";
  else if (remaining === 0n) blockedBecause = "This payment has been refunded in full.";
  return { ...base, captured, refunded, remaining, blockedBecause };
}

/** Our copy of the charge, fetched from Stripe when its webhook has not arrived yet. */
async function chargeRow(chargeId: string) {
  const stored = await db().charge.findUnique({ where: { id: chargeId } });
  if (stored) return stored;
  const charge = await stripe().charges.retrieve(chargeId);
  await projectApiObjects([charge], responseStamp(charge));
  return db().charge.findUnique({ where: { id: chargeId } });
}
