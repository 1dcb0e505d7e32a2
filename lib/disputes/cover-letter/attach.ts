import { z } from "zod";
import { actionIdSchema, refuseUnlessAllowed, type StaffActor } from "@/lib/audit/staff-action";
import { invalidFields, refused, type ActionResult } from "@/lib/audit/result";
import { db } from "@/lib/db";
import { ALL_FILES_LIMIT_BYTES } from "../evidence-fields";
import { evidenceBytesInUse, uploadEvidenceFile } from "../evidence-files";
import { coverLetterContent } from "./content";
import { coverLetterPdf } from "./pdf";
import type { AttachedCoverLetter } from "./result";

/**
 * The cover letter, for a preview download and as the dispute's `uncategorized_file`. Attaching goes
 * through the ordinary evidence-file upload (the staff action row first, its id as the idempotency
 * key, purpose dispute_evidence), after the same 4.5 MB check on all files together.
 */

const disputeIdSchema = z.string().trim().regex(/^(dp|du)_[A-Za-z0-9]+$/, { error: "Unknown dispute." });
export const COVER_LETTER_FIELD = "uncategorized_file";

export function coverLetterFilename(disputeId: string): string {
  return `cover-letter-${disputeId}.pdf`;
}

export async function buildCoverLetter(actor: StaffActor | null, disputeId: unknown, at = new Date()): Promise<{ ok: true; bytes: Uint8Array; filename: string } | { ok: false; result: ActionResult }> {
  const denied = refuseUnlessAllowed(actor, "disputes.evidence.stage");
  if (denied) return { ok: false, result: denied };
  const id = disputeIdSchema.safeParse(disputeId);
  if (!id.success) return { ok: false, result: refused("Unknown dispute.", "unknown_dispute") };
  const content = await coverLetterContent(id.data);
  if (!content) return { ok: false, result: refused("This dispute is not known here yet.", "unknown_dispute") };
  return { ok: true, bytes: await coverLetterPdf(content, at), filename: coverLetterFilename(id.data) };
}

const attachSchema = z.object({ actionId: actionIdSchema, disputeId: disputeIdSchema });

export async function attachCoverLetter(actor: StaffActor | null, input: unknown): Promise<AttachedCoverLetter> {
  const denied = refuseUnlessAllowed(actor, "disputes.evidence.stage");
  if (denied) return denied;
  const parsed = attachSchema.safeParse(input);
  if (!parsed.success) return invalidFields(z.flattenError(parsed.error).fieldErrors);
  const built = await buildCoverLetter(actor, parsed.data.disputeId);
  if (!built.ok) return built.result;
  // Said here in the letter's own words; the upload checks the same sum again before it sends.
  const inUse = await evidenceBytesInUse(parsed.data.disputeId, COVER_LETTER_FIELD);
  if (inUse + built.bytes.length > ALL_FILES_LIMIT_BYTES) {
    return refused("The cover letter does not fit: all evidence files together may be at most 4.5 MB. Remove or shrink another file first.", "over_budget");
  }
  const result = await uploadEvidenceFile(actor, {
    actionId: parsed.data.actionId,
    disputeId: parsed.data.disputeId,
    field: COVER_LETTER_FIELD,
    file: new File([new Uint8Array(built.bytes)], built.filename, { type: "application/pdf" }),
  });
  if (!result.ok || !result.objectId) return result;
  const row = await db().disputeEvidenceFile.findUnique({ where: { id: result.objectId }, select: { id: true, filename: true, size: true } });
  return row ? { ...result, file: row } : result;
}
