"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/audit/result";
import { requirePermission } from "@/lib/auth/require-role";
import { editCustomer } from "@/lib/customers/edit";
import { withdrawCustomerLink } from "@/lib/links/withdraw";

// Thin on purpose: the role is checked here for every call; the lib function checks it again, with
// the permission that sending that kind of link takes.

export async function withdrawCustomerLinkAction(input: unknown): Promise<ActionResult> {
  const access = await requirePermission("customers.links.withdraw");
  if (!access.ok) return { ok: false, error: access.error, code: access.reason };
  const result = await withdrawCustomerLink(access.staff, input);
  if (result.ok) revalidatePath("/customers/[id]", "page");
  return result;
}

export async function editCustomerAction(input: unknown): Promise<ActionResult> {
  const access = await requirePermission("customers.update");
  if (!access.ok) return { ok: false, error: access.error, code: access.reason };
  const result = await editCustomer(access.staff, input);
  if (result.ok) revalidatePath("/customers/[id]", "page");
  return result;
}
