// What a member of staff calls a payment's state. Stripe's PaymentIntent status alone does not say
// "refunded" or "disputed"; those come from the columns the projectors keep on the row. The words
// for each badge are in lib/format/statuses.ts.

export const PAYMENT_FILTER_STATUSES = [
  "succeeded",
  "failed",
  "needs_authentication",
  "refunded",
  "partially_refunded",
  "disputed",
  "early_fraud_warning",
  "canceled",
  "incomplete",
] as const;

export type PaymentFilterStatus = (typeof PAYMENT_FILTER_STATUSES)[number];

export type PaymentBadge =
  | PaymentFilterStatus
  | "processing"
  | "uncaptured";

export interface PaymentState {
  status: string;
  amountReceived: bigint;
  amountRefunded: bigint;
  lastPaymentErrorCode: string | null;
  disputed: boolean;
  hasEarlyFraudWarning: boolean;
}

/** The main badge first, then the warnings that also apply. */
export function paymentBadges(payment: PaymentState): PaymentBadge[] {
  const badges: PaymentBadge[] = [primaryBadge(payment)];
  if (payment.disputed) badges.push("disputed");
  if (payment.hasEarlyFraudWarning) badges.push("early_fraud_warning");
  return badges;
}

function primaryBadge(p: PaymentState): PaymentBadge {
  switch (p.status) {
    case "succeeded":
      // Only money received can be refunded; a cancelled or released authorisation is no refund.
      if (p.amountRefunded > 0n) return p.amountRefunded >= p.amountReceived ? "refunded" : "partially_refunded";
      return "succeeded";
    case "requires_action":
      return "needs_authentication";
    case "processing":
      return "processing";
    case "requires_capture":
      return "uncaptured";
    case "canceled":
      return "canceled";
    case "requires_payment_method":
      return p.lastPaymentErrorCode ? "failed" : "incomplete";
    default:
      return "incomplete";
  }
}
