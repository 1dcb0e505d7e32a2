"use server";

import { requireEnrolmentPermission, requirePermission } from "@/lib/auth/require-role";
import { confirmEnrolment, type EnrolmentResult } from "@/lib/auth/two-factor/enrolment";
import { renewRecoveryCodes, turnOffTwoFactor, type RecoveryCodesResult, type TurnOffResult } from "@/lib/auth/two-factor/self-service";

// Works while a second factor is owed (that is what it is for), never before an owed password change.
export async function confirmEnrolmentAction(input: unknown): Promise<EnrolmentResult> {
  const access = await requireEnrolmentPermission();
  if (!access.ok) return { ok: false, error: access.error };
  return confirmEnrolment(access.staff, input);
}

// Both need a recent confirmation (the dialog beside the button); the checks are in lib.
export async function renewRecoveryCodesAction(input: unknown): Promise<RecoveryCodesResult> {
  const access = await requirePermission("self.manage");
  if (!access.ok) return { ok: false, error: access.error };
  return renewRecoveryCodes(access.staff, input);
}

export async function turnOffTwoFactorAction(input: unknown): Promise<TurnOffResult> {
  const access = await requirePermission("self.two_factor.turn_off");
  if (!access.ok) return { ok: false, error: access.error };
  return turnOffTwoFactor(access.staff, input);
}
