"use server";

import { completeCardSetup, type CardSetupOutcome } from "@/lib/customers/card-setup";
import { requireCustomerLink } from "@/lib/links/customer-link";

// The customer's only action: the link itself is the credential, checked first.
export async function completeCardSetupAction(token: string): Promise<CardSetupOutcome> {
  const check = await requireCustomerLink(token, "setup_card");
  if (!check.ok) return { ok: false, error: check.message, reason: check.reason };
  return completeCardSetup(token);
}
