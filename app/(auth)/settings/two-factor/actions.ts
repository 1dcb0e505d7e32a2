"use server";

import { requireEnrolmentPermission } from "@/lib/auth/require-role";
import { confirmEnrolment, type EnrolmentResult } from "@/lib/auth/two-factor/enrolment";

// Works while a second factor is owed (that is what it is for), never before an owed password change.
export async function confirmEnrolmentAction(input: unknown): Promise<EnrolmentResult> {
  const access = await requireEnrolmentPermission();
  if (!access.ok) return { ok: false, error: access.error };
  return confirmEnrolment(access.staff, input);
}
