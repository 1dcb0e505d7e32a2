// Why a dispute's evidence form cannot be changed, in the words the staff member needs; null when
// it can. A prevented dispute never had anything to answer, which "evidence can no longer be
// added" would misstate.
import { disputeStatusInSentence } from "@/lib/format";
import { isRecord } from "@/lib/webhooks/stripe-object";
import { ANSWERABLE_STATUSES } from "./evidence-fields";

export interface DisputeForNote {
  status: string;
  evidenceSubmissionCount: number;
  pastDue: boolean;
  data: unknown;
}

/** payment_method_details.card.case_type: chargeback, inquiry, or for a prevented dispute resolution or block. */
export function disputeCaseType(data: unknown): string | null {
  const details = isRecord(data) && isRecord(data.payment_method_details) ? data.payment_method_details : null;
  const card = details && isRecord(details.card) ? details.card : null;
  return card && typeof card.case_type === "string" ? card.case_type : null;
}

export function preventedNote(data: unknown): string {
  return preventedNoteFor(disputeCaseType(data));
}

/** What a prevented dispute of this case type did, from its case type alone (an alert keeps no snapshot). */
export function preventedNoteFor(caseType: string | null): string {
  if (caseType === "resolution") {
    return "Stripe resolved this dispute before it became a chargeback: the customer was refunded through it, with no dispute fee. There is nothing to answer.";
  }
  if (caseType === "block") {
    return "Stripe blocked this dispute before it became a chargeback with the order details it gave the card network: no money moved and there is nothing to answer.";
  }
  return "Stripe prevented this dispute before it became a chargeback: there is nothing to answer.";
}

export function evidenceReadOnlyNote(dispute: DisputeForNote, canStage: boolean): string | null {
  if (dispute.status === "prevented") return preventedNote(dispute.data);
  if (dispute.evidenceSubmissionCount > 0) return "Submitted evidence is final and can no longer be changed.";
  if (!ANSWERABLE_STATUSES.includes(dispute.status)) return `This dispute is ${disputeStatusInSentence(dispute.status)}: evidence can no longer be added.`;
  if (dispute.pastDue) return "The response deadline has passed: evidence can no longer be submitted.";
  if (!canStage) return "Your role can read the evidence but not change it.";
  return null;
}
