"use server";

import { revalidatePath } from "next/cache";
import { saveOwnAlertPreference, type PreferenceChange } from "@/lib/alerts/preferences";
import { requirePermission } from "@/lib/auth/require-role";

// Everyone chooses their own alert email, and only their own.
export async function saveAlertPreferenceAction(input: unknown): Promise<PreferenceChange> {
  const access = await requirePermission("self.manage");
  if (!access.ok) return { ok: false, error: access.error };
  const result = await saveOwnAlertPreference(access.staff, input);
  if (result.ok) revalidatePath("/settings/alerts");
  return result;
}
