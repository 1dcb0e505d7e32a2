import { z } from "zod";
import { actionIdSchema, paramsDigest, refuseUnlessAllowed, runStaffAction, type StaffActor } from "@/lib/audit/staff-action";
import { invalidFields, refused, type ActionResult } from "@/lib/audit/result";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { stripe, type Stripe } from "@/lib/stripe/client";
import {
  ALL_TEXT_LIMIT,
  ANSWERABLE_STATUSES,
  FILE_FIELD_NAMES,
  evidenceTextToSend,
  TEXT_FIELD_NAMES,
  textLength,
  textLimit,
  textTooLongMessage,
  allTextTooLongMessage,
  type FileField,
  type TextField,
} from "./evidence-fields";
import { DEFAULT_LOCALE } from "@/lib/format/viewer-format";
import { findCe3Candidates } from "./ce3/candidates";
import { ce3ChoiceSchema, ce3EvidenceParams } from "./ce3/evidence";

/**
 * Dispute evidence: staged with `submit=false` as often as staff like, submitted once (final), or
 * the dispute accepted (admin only). Evidence is sent whole each time, as Stripe reviews the whole
 * hash whenever any field changes.
 */

const disputeId = z.string().trim().regex(/^(dp|du)_[A-Za-z0-9]+$/, { error: "Unknown dispute." });

// Over-long text is refused whole, never shortened: the person decides what to cut. The schema is
// built per number format, so the counts in its messages read the way the person groups digits.
const textShape = (locale: string) => Object.fromEntries(
  TEXT_FIELD_NAMES.map((field) => [
    field,
    z
      .string()
      .optional()
      .transform((v) => evidenceTextToSend(field, v ?? ""))
      .superRefine((v, ctx) => {
        if (textLength(v) > textLimit(field)) ctx.addIssue({ code: "custom", message: textTooLongMessage(field, textLength(v), locale) });
      }),
  ]),
) as unknown as Record<TextField, z.ZodType<string, string | undefined>>;

const fileShape = Object.fromEntries(
  FILE_FIELD_NAMES.map((field) => [
    field,
    z
      .string()
      .optional()
      .transform((v) => (v ?? "").trim())
      .pipe(z.union([z.literal(""), z.string().regex(/^file_[A-Za-z0-9]+$/, { error: "That file is not an uploaded evidence file." })])),
  ]),
) as unknown as Record<FileField, z.ZodType<string, string | undefined>>;

const evidenceSchemaFor = (locale: string) => z.object({ actionId: actionIdSchema, disputeId, ...textShape(locale), ...fileShape, ...ce3ChoiceSchema.shape });
type EvidenceInput = z.infer<ReturnType<typeof evidenceSchemaFor>>;
const schemas = new Map<string, ReturnType<typeof evidenceSchemaFor>>();

function evidenceSchema(locale: string): ReturnType<typeof evidenceSchemaFor> {
  let schema = schemas.get(locale);
  if (!schema) schemas.set(locale, (schema = evidenceSchemaFor(locale)));
  return schema;
}

/** The evidence hash for Stripe: only fields with something in them. */
function evidencePayload(input: EvidenceInput): Record<string, string> {
  const evidence: Record<string, string> = {};
  for (const field of [...TEXT_FIELD_NAMES, ...FILE_FIELD_NAMES]) {
    const value = input[field];
    if (value) evidence[field] = value;
  }
  return evidence;
}

/**
 * The row keeps the field names for the audit view and a digest of every value (text and file
 * ids): the same action id with other evidence is then another action, refused as stale, instead
 * of being answered from the first attempt while Stripe keeps the old evidence.
 */
function evidenceParams(disputeId: string, evidence: Stripe.DisputeUpdateParams.Evidence): Prisma.InputJsonObject {
  return { disputeId, fields: Object.keys(evidence).sort(), digest: paramsDigest(evidence) };
}

/** The dispute as Stripe has it now, when `done` says an earlier attempt already changed it. */
async function findDispute(id: string, done: (dispute: Stripe.Dispute) => boolean): Promise<{ result: Stripe.Dispute } | null> {
  const dispute = await stripe().disputes.retrieve(id);
  return done(dispute) ? { result: dispute } : null;
}

async function answerableDispute(id: string): Promise<{ ok: true } | { ok: false; result: ActionResult }> {
  const dispute = await db().dispute.findUnique({ where: { id }, select: { status: true, dueBy: true, evidenceSubmissionCount: true } });
  if (!dispute) return { ok: false, result: refused("This dispute is not known here yet. Reload the page in a moment.", "unknown_dispute") };
  if (!ANSWERABLE_STATUSES.includes(dispute.status) || dispute.evidenceSubmissionCount > 0) {
    return { ok: false, result: refused("Evidence for this dispute has already been submitted or the dispute is closed; it can no longer be changed.", "not_answerable") };
  }
  if (dispute.dueBy && dispute.dueBy.getTime() <= Date.now()) {
    return { ok: false, result: refused("The deadline to respond to this dispute has passed.", "past_due") };
  }
  return { ok: true };
}

type CheckedEvidence = { ok: true; data: EvidenceInput; evidence: Stripe.DisputeUpdateParams.Evidence } | { ok: false; result: ActionResult };

/** Visa CE 3.0 evidence for the two chosen prior payments, built from our tables, when staff chose any. */
async function withCe3Evidence(data: EvidenceInput, evidence: Record<string, string>): Promise<CheckedEvidence> {
  if (data.ce3PriorCharges.length === 0) return { ok: true, data, evidence };
  const workbench = await findCe3Candidates(data.disputeId);
  if (!workbench) return { ok: false, result: refused("This dispute is not eligible for Visa Compelling Evidence 3.0.", "ce3_not_eligible") };
  const ce3 = ce3EvidenceParams(workbench, data);
  if (!ce3.ok) return { ok: false, result: refused(ce3.error, "ce3_invalid") };
  return { ok: true, data, evidence: { ...evidence, enhanced_evidence: { visa_compelling_evidence_3: ce3.params } } };
}

async function checkedEvidence(input: unknown, locale: string): Promise<CheckedEvidence> {
  const parsed = evidenceSchema(locale).safeParse(input);
  if (!parsed.success) return { ok: false, result: invalidFields(z.flattenError(parsed.error).fieldErrors) };
  const evidence = evidencePayload(parsed.data);
  const textTotal = TEXT_FIELD_NAMES.reduce((sum, f) => sum + textLength(evidence[f] ?? ""), 0);
  if (textTotal > ALL_TEXT_LIMIT) {
    return { ok: false, result: refused(allTextTooLongMessage(textTotal, locale), "text_too_long") };
  }
  const fileIds = FILE_FIELD_NAMES.map((f) => evidence[f]).filter((v): v is string => Boolean(v));
  if (fileIds.length > 0) {
    const known = await db().disputeEvidenceFile.count({ where: { id: { in: fileIds }, disputeId: parsed.data.disputeId } });
    if (known !== new Set(fileIds).size) return { ok: false, result: refused("One of the files was not uploaded for this dispute. Upload it again.", "unknown_file") };
  }
  const answerable = await answerableDispute(parsed.data.disputeId);
  if (!answerable.ok) return answerable;
  return withCe3Evidence(parsed.data, evidence);
}

export async function stageDisputeEvidence(actor: StaffActor | null, input: unknown): Promise<ActionResult> {
  const denied = refuseUnlessAllowed(actor, "disputes.evidence.stage");
  if (denied || !actor) return denied!;
  const checked = await checkedEvidence(input, actor.locale ?? DEFAULT_LOCALE);
  if (!checked.ok) return checked.result;
  const { data, evidence } = checked;
  return runStaffAction({
    actor,
    actionId: data.actionId,
    kind: "dispute.evidence.stage",
    objectType: "dispute",
    objectId: data.disputeId,
    params: evidenceParams(data.disputeId, evidence),
    staleMessage: "The evidence changed after this draft was first sent, so the change was not saved. Save the draft again to send the evidence as the form shows it now.",
    call: (request) => stripe().disputes.update(data.disputeId, { evidence, submit: false }, request),
    // Staging sets the whole evidence hash, and the params' digest holds a resend under this id to
    // the same hash: sending it again leaves the dispute as the first attempt did, at any age of the key.
    retry: { repeatable: true },
    describe: (dispute) => ({ message: "Draft saved. Nothing is sent to the bank until you submit.", outcome: { status: dispute.status }, objectId: dispute.id, status: dispute.status }),
    objects: (dispute) => [dispute],
  });
}

export const SUBMIT_CONFIRMATION = "submit";

export async function submitDisputeEvidence(actor: StaffActor | null, input: unknown): Promise<ActionResult> {
  const denied = refuseUnlessAllowed(actor, "disputes.evidence.submit");
  if (denied || !actor) return denied!;
  const confirmation = z.object({ confirm: z.literal(SUBMIT_CONFIRMATION, { error: "Confirm that the evidence is final." }) }).safeParse(input);
  if (!confirmation.success) return invalidFields(z.flattenError(confirmation.error).fieldErrors, "Confirm that the evidence is final before submitting.");
  const checked = await checkedEvidence(input, actor.locale ?? DEFAULT_LOCALE);
  if (!checked.ok) return checked.result;
  const { data, evidence } = checked;
  if (Object.keys(evidence).length === 0) return refused("Add some evidence before submitting.", "no_evidence");
  return runStaffAction({
    actor,
    actionId: data.actionId,
    kind: "dispute.evidence.submit",
    objectType: "dispute",
    objectId: data.disputeId,
    params: evidenceParams(data.disputeId, evidence),
    staleMessage: "The evidence changed after this submission was first sent, so it was not submitted. Check the evidence and submit again.",
    call: (request) => stripe().disputes.update(data.disputeId, { evidence, submit: true }, request),
    // Submission happens once: Stripe refuses a second, so nothing doubles, but staff would read
    // a refusal for what went through. A dispute with a submission means the earlier attempt did it.
    retry: { lookUp: () => findDispute(data.disputeId, (dispute) => dispute.evidence_details.submission_count > 0) },
    describe: (dispute) => ({ message: "Evidence submitted. The bank now reviews it; this can take weeks.", outcome: { status: dispute.status }, objectId: dispute.id, status: dispute.status }),
    objects: (dispute) => [dispute],
  });
}

export const ACCEPT_CONFIRMATION = "accept";

export const acceptSchema = z.object({
  actionId: actionIdSchema,
  disputeId,
  confirm: z.literal(ACCEPT_CONFIRMATION, { error: "Confirm that you accept losing this dispute." }),
});

/** What accepting did: an inquiry closes with no money taken; a chargeback closes as lost. */
function acceptedMessage(status: string): string {
  if (status === "warning_closed") return "Inquiry closed without an answer. No money was taken for it.";
  return "Dispute accepted. It is closed as lost.";
}

/** Accepting closes the dispute as lost (the disputed amount and fee are not returned), an inquiry as closed. */
export async function acceptDispute(actor: StaffActor | null, input: unknown): Promise<ActionResult> {
  const denied = refuseUnlessAllowed(actor, "disputes.accept");
  if (denied || !actor) return denied!;
  const parsed = acceptSchema.safeParse(input);
  if (!parsed.success) return invalidFields(z.flattenError(parsed.error).fieldErrors);
  const { actionId, disputeId: id } = parsed.data;
  const answerable = await answerableDispute(id);
  if (!answerable.ok) return answerable.result;
  return runStaffAction({
    actor,
    actionId,
    kind: "dispute.accept",
    objectType: "dispute",
    objectId: id,
    params: { disputeId: id } satisfies Prisma.InputJsonObject,
    call: (request) => stripe().disputes.close(id, {}, request),
    // Closing is final and cannot double; a dispute already closed (a chargeback as lost, an
    // inquiry as warning_closed) means the earlier attempt closed it.
    retry: { lookUp: () => findDispute(id, (dispute) => dispute.status === "lost" || dispute.status === "warning_closed") },
    describe: (dispute) => ({ message: acceptedMessage(dispute.status), outcome: { status: dispute.status }, objectId: dispute.id, status: dispute.status }),
    objects: (dispute) => [dispute],
  });
}
