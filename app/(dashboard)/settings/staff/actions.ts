"use server";

import { revalidatePath } from "next/cache";
import { requirePermission } from "@/lib/auth/require-role";
import { stepUpRefusal } from "@/lib/auth/step-up";
import { resetStaffTwoFactor } from "@/lib/auth/two-factor/reset";
import { changeStaffRole, endStaffSessions, inviteStaff, setStaffDisabled, unlockStaffSignIn, type StaffChangeResult } from "@/lib/auth/staff-admin";

// Thin on purpose: the role is checked here, on the server, for every call, whatever the page showed.
// Who is staff and with which role is a high-risk change: it needs a recent proof of the admin
// (lib/auth/step-up.ts). Ending sessions and unlocking only protect, so they do not.

export async function inviteStaffAction(input: unknown): Promise<StaffChangeResult> {
  const access = await requirePermission("staff.manage");
  if (!access.ok) return { ok: false, error: access.error };
  const stepUp = await stepUpRefusal(access.staff);
  if (stepUp) return stepUp;
  const result = await inviteStaff(access.staff, input);
  if (result.ok) revalidatePath("/settings/staff");
  return result;
}

export async function changeStaffRoleAction(input: unknown): Promise<StaffChangeResult> {
  const access = await requirePermission("staff.manage");
  if (!access.ok) return { ok: false, error: access.error };
  const stepUp = await stepUpRefusal(access.staff);
  if (stepUp) return stepUp;
  const result = await changeStaffRole(access.staff, input);
  if (result.ok) revalidatePath("/settings/staff");
  return result;
}

export async function setStaffDisabledAction(input: unknown): Promise<StaffChangeResult> {
  const access = await requirePermission("staff.manage");
  if (!access.ok) return { ok: false, error: access.error };
  const stepUp = await stepUpRefusal(access.staff);
  if (stepUp) return stepUp;
  const result = await setStaffDisabled(access.staff, input);
  if (result.ok) revalidatePath("/settings/staff");
  return result;
}

export async function endStaffSessionsAction(input: unknown): Promise<StaffChangeResult> {
  const access = await requirePermission("staff.manage");
  if (!access.ok) return { ok: false, error: access.error };
  return endStaffSessions(access.staff, input);
}

export async function unlockStaffSignInAction(input: unknown): Promise<StaffChangeResult> {
  const access = await requirePermission("staff.manage");
  if (!access.ok) return { ok: false, error: access.error };
  const result = await unlockStaffSignIn(access.staff, input);
  if (result.ok) revalidatePath("/settings/staff");
  return result;
}

export async function resetStaffTwoFactorAction(input: unknown): Promise<StaffChangeResult> {
  const access = await requirePermission("staff.manage");
  if (!access.ok) return { ok: false, error: access.error };
  // Removing someone's second factor lowers their account's guard: as high-risk as a role change.
  const stepUp = await stepUpRefusal(access.staff);
  if (stepUp) return stepUp;
  const result = await resetStaffTwoFactor(access.staff, input);
  if (result.ok) revalidatePath("/settings/staff");
  return result;
}
