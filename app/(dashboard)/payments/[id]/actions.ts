"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/audit/result";
import { requireRole } from "@/lib/auth/require-role";
import { refundStepUpRefusal } from "@/lib/auth/step-up";
import { rolesWith } from "@/lib/auth/roles";
import { sendPaymentLink } from "@/lib/payments/charge";
import { refundPayment } from "@/lib/refunds/refund";

export async function refundPaymentAction(input: unknown): Promise<ActionResult> {
  const access = await requireRole(...rolesWith("refund"));
  if (!access.ok) return { ok: false, error: access.error, code: access.reason };
  const result = await refundPayment(access.staff, input, { stepUp: (amount, currency) => refundStepUpRefusal(access.staff, amount, currency) });
  if (result.ok) {
    revalidatePath("/payments/[id]", "page");
    revalidatePath("/refunds");
  }
  return result;
}

export async function sendPaymentLinkFromPaymentAction(input: unknown): Promise<ActionResult> {
  const access = await requireRole(...rolesWith("charge"));
  if (!access.ok) return { ok: false, error: access.error, code: access.reason };
  const result = await sendPaymentLink(access.staff, input);
  if (result.ok) revalidatePath("/payments/[id]", "page");
  return result;
}
