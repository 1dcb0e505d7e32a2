"use server";

import { revalidatePath } from "next/cache";
import { markAllOwnAlertsRead, markOwnAlertRead, type InboxChange } from "@/lib/alerts/inbox";
import { requirePermission } from "@/lib/auth/require-role";
import { getViewerFormat } from "@/lib/format/viewer";

// Everyone has an inbox; each action touches only the caller's own alerts (lib/alerts/inbox.ts).
export async function markAlertReadAction(input: unknown): Promise<InboxChange> {
  const access = await requirePermission("self.manage");
  if (!access.ok) return { ok: false, error: access.error };
  const result = await markOwnAlertRead(access.staff.id, input);
  if (result.ok) revalidatePath("/alerts");
  return result;
}

export async function markAllAlertsReadAction(input: unknown): Promise<InboxChange> {
  const access = await requirePermission("self.manage");
  if (!access.ok) return { ok: false, error: access.error };
  const viewer = await getViewerFormat();
  const result = await markAllOwnAlertsRead(access.staff.id, input, { timeZone: viewer.timeZone, locale: viewer.locale });
  if (result.ok) revalidatePath("/alerts");
  return result;
}
