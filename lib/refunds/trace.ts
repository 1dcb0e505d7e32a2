// What staff can tell a customer who asks where a refund is: the card network's reference (the
// ARN, destination_details.card.reference) once Stripe has it, or why none will ever come, so no
// refund shows "pending" for a reference that cannot arrive.

/** A refund as our mirror holds it: the Stripe object is in `data`. */
export interface TracedRefund {
  status: string;
  arn: string | null;
  data: unknown;
}

export type RefundTrace =
  | { kind: "reference"; reference: string }
  | { kind: "coming" }
  | { kind: "none"; short: string; why: string };

function cardDetails(data: unknown): { type: string | null; referenceStatus: string | null } {
  const details = (data as { destination_details?: { card?: { type?: unknown; reference_status?: unknown } | null } | null } | null)?.destination_details?.card;
  return {
    type: typeof details?.type === "string" ? details.type : null,
    referenceStatus: typeof details?.reference_status === "string" ? details.reference_status : null,
  };
}

export function refundTrace(refund: TracedRefund): RefundTrace {
  if (refund.arn) return { kind: "reference", reference: refund.arn };
  const card = cardDetails(refund.data);
  // A refund made before the payment settled reaches the card as a reversal: the payment drops
  // off the statement and the network assigns no reference (docs.stripe.com/refunds).
  if (card.type === "reversal") {
    return {
      kind: "none",
      short: "none (reversal)",
      why: "No ARN: Stripe reversed the payment before it settled, so it drops off the customer's statement and no separate credit appears. There is no reference to trace.",
    };
  }
  if (refund.status === "failed") return { kind: "none", short: "none (failed)", why: "None: the refund failed, so nothing reached the card." };
  if (refund.status === "canceled") return { kind: "none", short: "none (canceled)", why: "None: the refund was canceled, so nothing reached the card." };
  if (card.referenceStatus === "unavailable") {
    return { kind: "none", short: "none", why: "No ARN: the card network gave Stripe no reference for this refund; ask Stripe support to trace it." };
  }
  return { kind: "coming" };
}
