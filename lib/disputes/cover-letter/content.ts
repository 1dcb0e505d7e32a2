import { db } from "@/lib/db";
import { disputeReasonLabel, formatDateTime, words, type ViewerFormat } from "@/lib/format";
import { merchantTimeZone } from "@/lib/listing/time-zone";
import { formatMoney } from "@/lib/money";
import { isRecord } from "@/lib/webhooks/stripe-object";
import { FILE_FIELDS, TEXT_FIELDS, type FileField, type TextField } from "../evidence-fields";

/**
 * What the cover letter says: the payment, the customer, shipping and delivery, the refund policy
 * and the conversation with the customer, from our mirror of the payment and the evidence as
 * Stripe holds it (the saved draft). The bank reads it, so it is written in US English, in the
 * merchant's time zone.
 */

export interface CoverLetterSection {
  heading: string;
  lines: Array<[label: string, value: string]>;
}

export interface CoverLetterContent {
  title: string;
  disputeId: string;
  summary: string;
  sections: CoverLetterSection[];
}

const SECTIONS: Array<{ heading: string; fields: TextField[] }> = [
  { heading: "Customer", fields: ["customer_name", "customer_email_address", "customer_purchase_ip", "billing_address"] },
  { heading: "Product or service", fields: ["product_description", "service_date", "access_activity_log"] },
  { heading: "Shipping and delivery", fields: ["shipping_carrier", "shipping_tracking_number", "shipping_date", "shipping_address"] },
  { heading: "Refund and cancellation policy", fields: ["refund_policy_disclosure", "refund_refusal_explanation", "cancellation_policy_disclosure", "cancellation_rebuttal"] },
  { heading: "Duplicate charge", fields: ["duplicate_charge_id", "duplicate_charge_explanation"] },
  { heading: "What happened", fields: ["uncategorized_text"] },
];

/** Files named in the letter so the reviewer knows what else is attached; the letter itself is one of them. */
const ATTACHMENT_FIELDS: FileField[] = ["receipt", "customer_communication", "shipping_documentation", "service_documentation", "customer_signature", "refund_policy", "cancellation_policy", "duplicate_charge_documentation"];

export async function coverLetterContent(disputeId: string): Promise<CoverLetterContent | null> {
  const dispute = await db().dispute.findUnique({ where: { id: disputeId } });
  if (!dispute) return null;
  const [payment, charge] = await Promise.all([
    dispute.paymentIntentId ? db().paymentIntent.findUnique({ where: { id: dispute.paymentIntentId } }) : null,
    dispute.chargeId ? db().charge.findUnique({ where: { id: dispute.chargeId } }) : null,
  ]);
  const customerId = payment?.customerId ?? charge?.customerId ?? null;
  const customer = customerId ? await db().customer.findUnique({ where: { id: customerId } }) : null;
  const viewer: ViewerFormat = { locale: "en-US", timeZone: await merchantTimeZone() };
  const evidence = isRecord(dispute.data) && isRecord(dispute.data.evidence) ? dispute.data.evidence : {};
  const text = (field: TextField) => (typeof evidence[field] === "string" ? (evidence[field] as string).trim() : "");

  const amount = formatMoney(payment?.amount ?? charge?.amount ?? dispute.amount, payment?.currency ?? charge?.currency ?? dispute.currency);
  const card = payment?.cardBrand ?? charge?.cardBrand;
  const last4 = payment?.cardLast4 ?? charge?.cardLast4;
  const paymentLines: Array<[string, string]> = [
    ["Payment", payment?.id ?? "—"],
    ["Charge", dispute.chargeId ?? "—"],
    ["Amount", amount],
    ["Paid on", formatDateTime(payment?.created ?? charge?.created, viewer)],
    ["Card", card ? `${words(card)}${last4 ? ` ending ${last4}` : ""}` : "—"],
    ["Description", payment?.description ?? "—"],
    ["Disputed amount", formatMoney(dispute.amount, dispute.currency)],
    ["Reason given", disputeReasonLabel(dispute.reason)],
  ];
  const customerOnFile: Array<[string, string]> = [];
  if (customer?.name && !text("customer_name")) customerOnFile.push(["Name on file", customer.name]);
  const email = customer?.email ?? payment?.customerEmail ?? charge?.billingEmail;
  if (email && !text("customer_email_address")) customerOnFile.push(["Email on file", email]);

  const sections: CoverLetterSection[] = [{ heading: "The payment", lines: paymentLines }];
  for (const { heading, fields } of SECTIONS) {
    const lines = fields.filter((f) => text(f)).map((f): [string, string] => [TEXT_FIELDS[f].label, text(f)]);
    if (heading === "Customer") lines.push(...customerOnFile);
    if (lines.length > 0) sections.push({ heading, lines });
  }
  const attached = ATTACHMENT_FIELDS.filter((f) => isRecord(evidence[f]) || typeof evidence[f] === "string").map((f): [string, string] => [FILE_FIELDS[f], "attached"]);
  if (attached.length > 0) sections.push({ heading: "Communication and documents attached", lines: attached });

  return {
    title: `Response to dispute ${dispute.id}`,
    disputeId: dispute.id,
    summary: `We ask that the dispute of payment ${payment?.id ?? dispute.chargeId ?? ""} for ${amount} be decided in our favour. The evidence below shows the payment was authorised and what was delivered.`,
    sections,
  };
}
