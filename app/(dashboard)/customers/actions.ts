"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/audit/result";
import { requirePermission } from "@/lib/auth/require-role";
import { createCustomer, detachCard, makeDefaultCard, sendCardLink } from "@/lib/customers/manage";
import { chargeSavedCard, sendPaymentLink } from "@/lib/payments/charge";

// Thin on purpose: the permission is checked here for every call; the lib functions check it again.

export async function createCustomerAction(input: unknown): Promise<ActionResult> {
  const access = await requirePermission("customers.create");
  if (!access.ok) return { ok: false, error: access.error, code: access.reason };
  const result = await createCustomer(access.staff, input);
  if (result.ok) revalidatePath("/customers");
  return result;
}

export async function sendCardLinkAction(input: unknown): Promise<ActionResult> {
  const access = await requirePermission("customers.card_links.send");
  if (!access.ok) return { ok: false, error: access.error, code: access.reason };
  const result = await sendCardLink(access.staff, input);
  if (result.ok) revalidatePath("/customers/[id]", "page");
  return result;
}

export async function makeDefaultCardAction(input: unknown): Promise<ActionResult> {
  const access = await requirePermission("customers.cards.manage");
  if (!access.ok) return { ok: false, error: access.error, code: access.reason };
  const result = await makeDefaultCard(access.staff, input);
  if (result.ok) revalidatePath("/customers/[id]", "page");
  return result;
}

export async function detachCardAction(input: unknown): Promise<ActionResult> {
  const access = await requirePermission("customers.cards.manage");
  if (!access.ok) return { ok: false, error: access.error, code: access.reason };
  const result = await detachCard(access.staff, input);
  if (result.ok) revalidatePath("/customers/[id]", "page");
  return result;
}

export async function chargeSavedCardAction(input: unknown): Promise<ActionResult> {
  const access = await requirePermission("payments.create");
  if (!access.ok) return { ok: false, error: access.error, code: access.reason };
  const result = await chargeSavedCard(access.staff, input);
  revalidatePath("/customers/[id]", "page");
  revalidatePath("/payments");
  return result;
}

export async function sendPaymentLinkAction(input: unknown): Promise<ActionResult> {
  const access = await requirePermission("payments.create");
  if (!access.ok) return { ok: false, error: access.error, code: access.reason };
  const result = await sendPaymentLink(access.staff, input);
  if (result.ok) revalidatePath("/payments/[id]", "page");
  return result;
}
