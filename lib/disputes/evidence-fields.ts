import { formatCount } from "@/lib/format/numbers";
import { evidenceWeights } from "./evidence-weights";

/**
 * Stripe's dispute evidence fields, their limits, and which matter most for each dispute reason.
 * Plain data (no server imports) so the evidence form can show the same rules it is checked by.
 */

/**
 * Per-field `maxLength` of `dispute_evidence_params` in Stripe's OpenAPI spec: 20,000 for the eight
 * long texts ("Has a maximum character count of 20,000" in the SDK's types), 5,000 for the rest.
 */
export const LONG_TEXT_LIMIT = 20_000;
export const SHORT_TEXT_LIMIT = 5_000;
export const ALL_TEXT_LIMIT = 150_000;
export const FILE_LIMIT_BYTES = 5 * 1024 * 1024;
export const ALL_FILES_LIMIT_BYTES = 4.5 * 1024 * 1024;
export const EVIDENCE_MIME_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;

export const TEXT_FIELDS = {
  product_description: { label: "Product or service description", long: true },
  customer_name: { label: "Customer name", long: false },
  customer_email_address: { label: "Customer email", long: false },
  customer_purchase_ip: { label: "Customer IP address at purchase", long: false },
  billing_address: { label: "Billing address", long: false },
  shipping_address: { label: "Shipping address", long: false },
  shipping_carrier: { label: "Shipping carrier", long: false },
  shipping_tracking_number: { label: "Tracking number", long: false },
  shipping_date: { label: "Shipping date", long: false },
  service_date: { label: "Service date", long: false },
  access_activity_log: { label: "Access or usage log", long: true },
  cancellation_policy_disclosure: { label: "How the cancellation policy was shown", long: true },
  cancellation_rebuttal: { label: "Why the customer is not owed a cancellation", long: true },
  refund_policy_disclosure: { label: "How the refund policy was shown", long: true },
  refund_refusal_explanation: { label: "Why the customer is not owed a refund", long: true },
  duplicate_charge_explanation: { label: "Why the charges are not duplicates", long: true },
  duplicate_charge_id: { label: "The other charge's id", long: false },
  uncategorized_text: { label: "Anything else", long: true },
} as const satisfies Record<string, { label: string; long: boolean }>;

export type TextField = keyof typeof TEXT_FIELDS;
export const TEXT_FIELD_NAMES = Object.keys(TEXT_FIELDS) as TextField[];

export const FILE_FIELDS = {
  receipt: "Receipt",
  customer_communication: "Customer communication",
  shipping_documentation: "Shipping documentation",
  service_documentation: "Service documentation",
  customer_signature: "Customer signature",
  refund_policy: "Refund policy",
  cancellation_policy: "Cancellation policy",
  duplicate_charge_documentation: "Duplicate charge documentation",
  uncategorized_file: "Other file",
} as const;

export type FileField = keyof typeof FILE_FIELDS;
export const FILE_FIELD_NAMES = Object.keys(FILE_FIELDS) as FileField[];

export function textLimit(field: TextField): number {
  return TEXT_FIELDS[field].long ? LONG_TEXT_LIMIT : SHORT_TEXT_LIMIT;
}

/**
 * What is sent to Stripe for a text field. Long text goes exactly as written, so a pasted log keeps
 * its indentation and the count a person sees is the count checked; a short value (a name, an
 * address line, a tracking number) loses surrounding spaces. Only whitespace means nothing.
 */
export function evidenceTextToSend(field: TextField, value: string): string {
  if (value.trim() === "") return "";
  return TEXT_FIELDS[field].long ? value : value.trim();
}

/**
 * Characters as JavaScript counts them (UTF-16 units). How Stripe counts is not documented; this is
 * never fewer than the code points, so text within the limit here is within it at Stripe too.
 */
export function textLength(value: string): number {
  return value.length;
}

/** Counts grouped the reader's way: "1,500" reads as one and a half to someone who groups with dots. */
export function textTooLongMessage(field: TextField, length: number, locale: string): string {
  return `“${TEXT_FIELDS[field].label}” is ${formatCount(length, locale)} characters; the limit is ${formatCount(textLimit(field), locale)}.`;
}

export function allTextTooLongMessage(total: number, locale: string): string {
  return `All text together may be at most ${formatCount(ALL_TEXT_LIMIT, locale)} characters; this is ${formatCount(total, locale)}.`;
}

type EvidenceField = TextField | FileField;

/** What a card network looks at first for each reason (weighed in `evidence-weights.ts`); the form lists these as a checklist. */
export function evidenceChecklist(reason: string): EvidenceField[] {
  return evidenceWeights(reason).map((w) => w.field);
}

export function evidenceFieldLabel(field: EvidenceField): string {
  return field in TEXT_FIELDS ? TEXT_FIELDS[field as TextField].label : FILE_FIELDS[field as FileField];
}

/** Text fields in checklist order first, so the ones that matter for this reason come first. */
export function orderedTextFields(reason: string): TextField[] {
  const first = evidenceChecklist(reason).filter((f): f is TextField => f in TEXT_FIELDS);
  return [...first, ...TEXT_FIELD_NAMES.filter((f) => !first.includes(f))];
}

export function orderedFileFields(reason: string): FileField[] {
  const first = evidenceChecklist(reason).filter((f): f is FileField => f in FILE_FIELDS);
  return [...first, ...FILE_FIELD_NAMES.filter((f) => !first.includes(f))];
}

/** Statuses in which evidence can still be changed. */
export const ANSWERABLE_STATUSES = ["needs_response", "warning_needs_response"];
