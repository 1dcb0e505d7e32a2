"use server";

import { requireCustomerLink } from "@/lib/links/customer-link";
import { completePaymentLink, type PaymentLinkOutcome } from "@/lib/payments/payment-link";

export async function completePaymentLinkAction(token: string): Promise<PaymentLinkOutcome> {
  const check = await requireCustomerLink(token, "payment");
  if (!check.ok) return { ok: false, error: check.message, reason: check.reason };
  return completePaymentLink(token);
}
