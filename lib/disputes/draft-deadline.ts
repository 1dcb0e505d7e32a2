import { ANSWERABLE_STATUSES } from "./evidence-fields";

/**
 * A draft saved with submit=false that nobody has submitted yet, and what happens to it at due_by.
 *
 * Stripe's API reference for `submit` (docs.stripe.com/api/disputes/update): "If false, evidence is
 * staged on the dispute. Staged evidence is visible in the API and Dashboard, and can be submitted
 * to the bank by making another request with this attribute set to true." Nothing there, nor in the
 * dispute guides we could read, says Stripe submits staged evidence by itself when `due_by` passes
 * (some other processors do). UNCONFIRMED, so we take the stricter reading, which the emulator also
 * models: the draft is never sent, the bank sees no response, a chargeback is lost and an inquiry
 * closes (emulator/README.md, fidelity table).
 */

export interface DraftDispute {
  status: string;
  hasEvidence: boolean;
  evidenceSubmissionCount: number;
  dueBy: Date | null;
}

export interface UnsubmittedDraft {
  dueBy: Date;
  /** Under 72 hours left, as the deadline badge counts it. */
  urgent: boolean;
  /** What Stripe does at due_by if nobody submits. */
  atDeadline: string;
}

const URGENT_MS = 72 * 3_600_000;

export function unsubmittedDraft(dispute: DraftDispute, now: Date): UnsubmittedDraft | null {
  if (!dispute.hasEvidence || dispute.evidenceSubmissionCount > 0 || !dispute.dueBy) return null;
  if (!ANSWERABLE_STATUSES.includes(dispute.status) || dispute.dueBy.getTime() <= now.getTime()) return null;
  const inquiry = dispute.status === "warning_needs_response";
  return {
    dueBy: dispute.dueBy,
    urgent: dispute.dueBy.getTime() - now.getTime() < URGENT_MS,
    atDeadline: inquiry
      ? "Stripe does not send a saved draft for you. If it is not submitted by then, the bank gets no answer: the inquiry closes and the customer can still open a chargeback."
      : "Stripe does not send a saved draft for you. If it is not submitted by then, the bank gets no answer and the dispute is lost: the disputed amount and the fee are not returned.",
  };
}
