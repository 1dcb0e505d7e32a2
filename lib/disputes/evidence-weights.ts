import type { FileField, TextField } from "./evidence-fields";

/**
 * Which evidence fields decide a dispute of each reason, how much each weighs, and why the bank
 * looks for it. Plain data: the checklist, the completeness score and the cover letter read it.
 *
 * The fields per reason follow Stripe's guide to dispute categories (docs.stripe.com/disputes/categories)
 * and its best practices (docs.stripe.com/disputes/best-practices); the weights are ours, a ranking of
 * what the network rules make decisive (proof of delivery for "not received", identity and prior use
 * for fraud) over what only supports it. Weights of a reason add up to 100.
 */

export type EvidenceField = TextField | FileField;
export interface WeightedEvidence {
  field: EvidenceField;
  weight: number;
  why: string;
}

const RECEIPT = "A receipt shows what was bought, when and for how much, matching the statement the customer disputes.";
const COMMUNICATION = "Messages with the customer show they knew of the purchase, or that the issue was answered.";

export const EVIDENCE_WEIGHTS: Record<string, WeightedEvidence[]> = {
  fraudulent: [
    { field: "customer_name", weight: 10, why: "A name that matches the cardholder ties the order to them." },
    { field: "customer_email_address", weight: 10, why: "An email the cardholder uses elsewhere shows they placed the order." },
    { field: "billing_address", weight: 15, why: "A billing address that passed the address check (AVS) is proof the cardholder's details were known." },
    { field: "customer_purchase_ip", weight: 15, why: "An IP address seen on earlier undisputed orders points to the cardholder's own device." },
    { field: "receipt", weight: 10, why: RECEIPT },
    { field: "customer_communication", weight: 15, why: COMMUNICATION },
    { field: "access_activity_log", weight: 25, why: "Use of the product or account after the purchase is the strongest sign the cardholder made it." },
  ],
  product_not_received: [
    { field: "shipping_carrier", weight: 10, why: "The carrier lets the bank look the parcel up." },
    { field: "shipping_tracking_number", weight: 25, why: "A tracking number with a delivery scan is the proof banks ask for first." },
    { field: "shipping_date", weight: 10, why: "The date shows the order left before the customer complained." },
    { field: "shipping_address", weight: 15, why: "Delivery to the address the customer gave shows it reached them." },
    { field: "shipping_documentation", weight: 25, why: "The carrier's proof of delivery (a signature above a set amount) settles most of these disputes." },
    { field: "customer_communication", weight: 15, why: COMMUNICATION },
  ],
  product_unacceptable: [
    { field: "product_description", weight: 25, why: "The description shows the product was as advertised." },
    { field: "refund_policy", weight: 15, why: "The refund policy shows the customer was offered a way to return it." },
    { field: "refund_policy_disclosure", weight: 15, why: "How the policy was shown at checkout proves the customer saw it before paying." },
    { field: "refund_refusal_explanation", weight: 20, why: "Why no refund is owed answers the customer's claim directly." },
    { field: "customer_communication", weight: 25, why: COMMUNICATION },
  ],
  duplicate: [
    { field: "duplicate_charge_id", weight: 30, why: "The other charge's id lets the bank compare both payments." },
    { field: "duplicate_charge_explanation", weight: 30, why: "Why both charges are separate purchases is the whole answer to a duplicate claim." },
    { field: "duplicate_charge_documentation", weight: 25, why: "Two receipts or orders show two things were bought." },
    { field: "receipt", weight: 15, why: RECEIPT },
  ],
  subscription_canceled: [
    { field: "cancellation_policy", weight: 25, why: "The cancellation policy shows how and when the customer could cancel." },
    { field: "cancellation_policy_disclosure", weight: 25, why: "How the policy was shown at sign-up proves the customer agreed to it." },
    { field: "cancellation_rebuttal", weight: 30, why: "Why the customer is not owed a cancellation answers the claim directly (for example, no cancellation request arrived)." },
    { field: "customer_communication", weight: 20, why: COMMUNICATION },
  ],
  credit_not_processed: [
    { field: "refund_policy", weight: 25, why: "The refund policy shows the terms the customer accepted." },
    { field: "refund_policy_disclosure", weight: 20, why: "How the policy was shown at checkout proves the customer saw it before paying." },
    { field: "refund_refusal_explanation", weight: 35, why: "Why no refund or credit is owed answers the claim directly." },
    { field: "customer_communication", weight: 20, why: COMMUNICATION },
  ],
  unrecognized: [
    { field: "customer_name", weight: 15, why: "A name that matches the cardholder helps them recognise the purchase." },
    { field: "customer_email_address", weight: 15, why: "The email the receipt went to reminds the cardholder of the order." },
    { field: "product_description", weight: 25, why: "What was bought, in plain words, is often enough for the cardholder to recognise it." },
    { field: "receipt", weight: 20, why: RECEIPT },
    { field: "customer_communication", weight: 25, why: COMMUNICATION },
  ],
};

export const GENERAL_WEIGHTS: WeightedEvidence[] = [
  { field: "product_description", weight: 20, why: "What was sold, in plain words, frames the rest of the evidence." },
  { field: "customer_name", weight: 10, why: "A name that matches the cardholder ties the order to them." },
  { field: "customer_email_address", weight: 10, why: "The email the receipt went to ties the order to the customer." },
  { field: "receipt", weight: 20, why: RECEIPT },
  { field: "customer_communication", weight: 20, why: COMMUNICATION },
  { field: "uncategorized_text", weight: 20, why: "A short account of what happened tells the bank why the payment stands." },
];

export function evidenceWeights(reason: string): WeightedEvidence[] {
  return EVIDENCE_WEIGHTS[reason] ?? GENERAL_WEIGHTS;
}
