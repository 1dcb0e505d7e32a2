import { objectTimeline } from "@/lib/audit/timeline";
import { db } from "@/lib/db";
import { isRecord } from "@/lib/webhooks/stripe-object";
import { FILE_FIELD_NAMES, TEXT_FIELD_NAMES } from "./evidence-fields";

/** The dispute page: the dispute, its payment, the evidence as Stripe holds it, our files, the timeline. */
export async function disputeDetail(id: string) {
  const dispute = await db().dispute.findUnique({ where: { id } });
  if (!dispute) return null;
  const [payment, files] = await Promise.all([
    dispute.paymentIntentId ? db().paymentIntent.findUnique({ where: { id: dispute.paymentIntentId } }) : null,
    db().disputeEvidenceFile.findMany({ where: { disputeId: id }, orderBy: { createdAt: "desc" }, include: { uploadedBy: { select: { name: true } } } }),
  ]);
  const stored = isRecord(dispute.data) && isRecord(dispute.data.evidence) ? dispute.data.evidence : {};
  const evidence: Record<string, string> = {};
  for (const field of [...TEXT_FIELD_NAMES, ...FILE_FIELD_NAMES]) {
    const value = stored[field];
    if (typeof value === "string" && value) evidence[field] = value;
    else if (isRecord(value) && typeof value.id === "string") evidence[field] = value.id;
  }
  const timeline = await objectTimeline([id]);
  return {
    dispute,
    payment,
    evidence,
    files: files.map((f) => ({ id: f.id, field: f.evidenceField, filename: f.filename, size: f.size, uploadedBy: f.uploadedBy.name, at: f.createdAt })),
    timeline,
  };
}

export type DisputeDetail = NonNullable<Awaited<ReturnType<typeof disputeDetail>>>;
