"use server";

import { revalidatePath } from "next/cache";
import { requirePermission } from "@/lib/auth/require-role";
import { setMerchantTimeZone, timeZoneSchema } from "@/lib/listing/time-zone";

export interface TimeZoneFormState {
  ok: boolean;
  message: string;
}

export async function updateTimeZone(_previous: TimeZoneFormState | null, form: FormData): Promise<TimeZoneFormState> {
  const access = await requirePermission("settings.manage");
  if (!access.ok) return { ok: false, message: access.error };
  const parsed = timeZoneSchema.safeParse(form.get("timeZone"));
  if (!parsed.success) return { ok: false, message: "Choose a time zone from the list." };
  await setMerchantTimeZone(parsed.data, access.staff.id);
  revalidatePath("/", "layout");
  return { ok: true, message: `Dates now show in ${parsed.data}.` };
}
