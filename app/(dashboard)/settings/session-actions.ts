"use server";

import { requireSelfService } from "@/lib/auth/require-role";
import { endOwnSessions, type StaffChangeResult } from "@/lib/auth/staff-admin";

// Anyone signed in may end their own sessions, even before replacing a one-time password.
export async function signOutEverywhereAction(input: unknown): Promise<StaffChangeResult> {
  const access = await requireSelfService();
  if (!access.ok) return { ok: false, error: access.error };
  return endOwnSessions(access.staff, input);
}
