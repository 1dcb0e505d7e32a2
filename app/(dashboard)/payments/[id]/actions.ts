"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/audit/result";
import { requirePermission } from "@/lib/auth/require-role";
import { refundStepUpRefusal } from "@/lib/auth/step-up";
import { sendPaymentLink } from "@/lib/payments/charge";
import { refundPayment } from "@/lib/refunds/refund";

export async function refundPaymentAction(input: unknown): Promise<ActionResult> {
  const access = await requirePermission("refunds.create_partial");
  if (!access.ok) return { ok: false, error: access.error, code: access.reason };
  const result = await refundPayment(access.staff, input, { stepUp: (amount, currency) => refundStepUpRefusal(access.staff, amount, currency) });
  if (result.ok) {
    revalidatePath("/payments/[id]", "page");
    revalidatePath("/refunds");
  }
  return result;
}

export async function sendPaymentLinkFromPaymentAction(input: unknown): Promise<ActionResult> {
  const access = await requirePermission("payments.create");
  if (!access.ok) return { ok: false, error: access.error, code: access.reason };
  const result = await sendPaymentLink(access.staff, input);
  if (result.ok) revalidatePath("/payments/[id]", "page");
  return result;
}
