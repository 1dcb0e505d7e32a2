"use server";

import { changeOwnPassword } from "@/lib/auth/own-password";
import { requireSelfService } from "@/lib/auth/require-role";
import type { StaffChangeResult } from "@/lib/auth/staff-admin";

export async function changeOwnPasswordAction(input: unknown): Promise<StaffChangeResult> {
  const access = await requireSelfService();
  if (!access.ok) return { ok: false, error: access.error };
  return changeOwnPassword(access.staff, input);
}
