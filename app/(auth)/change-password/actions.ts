"use server";

import { changeOwnPassword } from "@/lib/auth/own-password";
import { requireSelfServiceRole } from "@/lib/auth/require-role";
import { STAFF_ROLES } from "@/lib/auth/roles";
import type { StaffChangeResult } from "@/lib/auth/staff-admin";

export async function changeOwnPasswordAction(input: unknown): Promise<StaffChangeResult> {
  const access = await requireSelfServiceRole(...STAFF_ROLES);
  if (!access.ok) return { ok: false, error: access.error };
  return changeOwnPassword(access.staff, input);
}
