"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/audit/result";
import { requirePermission } from "@/lib/auth/require-role";
import { stepUpRefusal } from "@/lib/auth/step-up";
import { attachCoverLetter } from "@/lib/disputes/cover-letter/attach";
import type { AttachedCoverLetter } from "@/lib/disputes/cover-letter/result";
import { acceptDispute, stageDisputeEvidence, submitDisputeEvidence } from "@/lib/disputes/evidence";

export async function stageEvidenceAction(input: unknown): Promise<ActionResult> {
  const access = await requirePermission("disputes.evidence.stage");
  if (!access.ok) return { ok: false, error: access.error, code: access.reason };
  const result = await stageDisputeEvidence(access.staff, input);
  if (result.ok) revalidatePath("/disputes/[id]", "page");
  return result;
}

export async function submitEvidenceAction(input: unknown): Promise<ActionResult> {
  const access = await requirePermission("disputes.evidence.submit");
  if (!access.ok) return { ok: false, error: access.error, code: access.reason };
  const result = await submitDisputeEvidence(access.staff, input);
  if (result.ok) {
    revalidatePath("/disputes/[id]", "page");
    revalidatePath("/disputes");
  }
  return result;
}

export async function acceptDisputeAction(input: unknown): Promise<ActionResult> {
  const access = await requirePermission("disputes.accept");
  if (!access.ok) return { ok: false, error: access.error, code: access.reason };
  // Accepting is final: the money is gone for good.
  const stepUp = await stepUpRefusal(access.staff);
  if (stepUp) return stepUp;
  const result = await acceptDispute(access.staff, input);
  if (result.ok) {
    revalidatePath("/disputes/[id]", "page");
    revalidatePath("/disputes");
  }
  return result;
}

export async function attachCoverLetterAction(input: unknown): Promise<AttachedCoverLetter> {
  const access = await requirePermission("disputes.evidence.stage");
  if (!access.ok) return { ok: false, error: access.error, code: access.reason };
  return attachCoverLetter(access.staff, input);
}
