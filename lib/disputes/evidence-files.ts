import { z } from "zod";
import { actionIdSchema, refuseUnlessAllowed, runStaffAction, type StaffActor } from "@/lib/audit/staff-action";
import { invalidFields, refused, type ActionResult } from "@/lib/audit/result";
import { db } from "@/lib/db";
import { stripe } from "@/lib/stripe/client";
import { ALL_FILES_LIMIT_BYTES, ANSWERABLE_STATUSES, EVIDENCE_MIME_TYPES, FILE_FIELD_NAMES, FILE_LIMIT_BYTES } from "./evidence-fields";

/**
 * Evidence files go to Stripe's Files API (purpose dispute_evidence) one at a time; we keep who
 * uploaded which file for which field, and hold the whole response to Stripe's 4.5 MB.
 */

export const uploadSchema = z.object({
  actionId: actionIdSchema,
  disputeId: z.string().trim().regex(/^(dp|du)_[A-Za-z0-9]+$/, { error: "Unknown dispute." }),
  field: z.enum(FILE_FIELD_NAMES as [string, ...string[]], { error: "Choose what the file shows." }),
  file: z.instanceof(File, { error: "Choose a file." }).refine((f) => f.size > 0, { error: "The file is empty." }),
});

type EvidenceMime = (typeof EVIDENCE_MIME_TYPES)[number];

/** The file's real format from its first bytes; the browser's claimed type is not trusted. */
export function sniffEvidenceType(bytes: Uint8Array): EvidenceMime | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46)) return "application/pdf";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  return null;
}

/** Bytes already used by the dispute's current files (the latest per field), leaving out `field`. */
export async function evidenceBytesInUse(disputeId: string, exceptField?: string): Promise<number> {
  const files = await db().disputeEvidenceFile.findMany({ where: { disputeId }, orderBy: { createdAt: "desc" } });
  const latest = new Map<string, number>();
  for (const f of files) if (!latest.has(f.evidenceField)) latest.set(f.evidenceField, f.size);
  if (exceptField) latest.delete(exceptField);
  return [...latest.values()].reduce((a, b) => a + b, 0);
}

export async function uploadEvidenceFile(actor: StaffActor | null, input: unknown): Promise<ActionResult> {
  const denied = refuseUnlessAllowed(actor, "disputes.evidence.stage");
  if (denied || !actor) return denied!;
  const parsed = uploadSchema.safeParse(input);
  if (!parsed.success) return invalidFields(z.flattenError(parsed.error).fieldErrors);
  const { actionId, disputeId, field, file } = parsed.data;
  if (file.size > FILE_LIMIT_BYTES) return invalidFields({ file: ["Each file may be at most 5 MB."] });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = sniffEvidenceType(bytes);
  if (!type) return invalidFields({ file: ["Only PDF, JPEG and PNG files are accepted."] });
  if (file.type && file.type !== type) return invalidFields({ file: ["The file's content does not match its type. Export it again as PDF, JPEG or PNG."] });
  const dispute = await db().dispute.findUnique({ where: { id: disputeId }, select: { status: true, evidenceSubmissionCount: true } });
  if (!dispute) return refused("This dispute is not known here yet.", "unknown_dispute");
  if (!ANSWERABLE_STATUSES.includes(dispute.status) || dispute.evidenceSubmissionCount > 0) {
    return refused("Evidence for this dispute can no longer be changed.", "not_answerable");
  }
  const inUse = await evidenceBytesInUse(disputeId, field);
  if (inUse + file.size > ALL_FILES_LIMIT_BYTES) {
    return invalidFields({ file: ["All files together may be at most 4.5 MB. Make this file smaller or replace another one."] });
  }
  const filename = file.name.replace(/[^\w.\- ]+/g, "_").slice(0, 120) || "evidence";
  return runStaffAction({
    actor,
    actionId,
    kind: "dispute.evidence_file.upload",
    objectType: "dispute",
    objectId: disputeId,
    params: { disputeId, field, filename, size: file.size, type },
    call: (request) =>
      stripe().files.create({ purpose: "dispute_evidence", file: { data: Buffer.from(bytes), name: filename, type } }, request),
    // Files carry no metadata to find them by, and a second upload moves no money: evidence names
    // files by id, and only the file this attempt returns is recorded for the field.
    retry: { repeatable: true },
    describe: async (uploaded) => {
      await db().disputeEvidenceFile.upsert({
        where: { id: uploaded.id },
        create: { id: uploaded.id, disputeId, evidenceField: field, filename, size: file.size, mimeType: type, uploadedById: actor.id },
        update: {},
      });
      return { message: `${filename} uploaded.`, outcome: { fileId: uploaded.id }, objectId: uploaded.id };
    },
    objects: () => [],
  });
}
