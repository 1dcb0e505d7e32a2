"use server";

import { revalidatePath } from "next/cache";
import { saveOwnAlertPreference, type PreferenceChange } from "@/lib/alerts/preferences";
import { requireRole } from "@/lib/auth/require-role";
import { STAFF_ROLES } from "@/lib/auth/roles";

// Everyone chooses their own alert email, and only their own.
export async function saveAlertPreferenceAction(input: unknown): Promise<PreferenceChange> {
  const access = await requireRole(...STAFF_ROLES);
  if (!access.ok) return { ok: false, error: access.error };
  const result = await saveOwnAlertPreference(access.staff, input);
  if (result.ok) revalidatePath("/settings/alerts");
  return result;
}
