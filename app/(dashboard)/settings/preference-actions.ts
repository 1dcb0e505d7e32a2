"use server";

import { revalidatePath } from "next/cache";
import { setConfirmationThreshold } from "@/lib/amounts/confirmation-thresholds";
import { setOwnLocale, setOwnTheme, setOwnTimeZone } from "@/lib/auth/own-preferences";
import { merchantTimeZone } from "@/lib/listing/time-zone";
import { requirePermission } from "@/lib/auth/require-role";

export interface SettingFormState {
  ok: boolean;
  message: string;
  /** `step_up_required` offers the confirmation dialog (lib/auth/step-up.ts). */
  code?: string;
}

export async function updateOwnNumberFormat(_previous: SettingFormState | null, form: FormData): Promise<SettingFormState> {
  const access = await requirePermission("self.manage");
  if (!access.ok) return { ok: false, message: access.error };
  const result = await setOwnLocale(access.staff.id, form.get("locale"));
  if (!result.ok) return { ok: false, message: result.error };
  revalidatePath("/", "layout");
  return { ok: true, message: result.message };
}

export async function updateOwnTimeZone(_previous: SettingFormState | null, form: FormData): Promise<SettingFormState> {
  const access = await requirePermission("self.manage");
  if (!access.ok) return { ok: false, message: access.error };
  const result = await setOwnTimeZone(access.staff.id, form.get("timeZone"), await merchantTimeZone());
  if (!result.ok) return { ok: false, message: result.error };
  revalidatePath("/", "layout");
  return { ok: true, message: result.message };
}

export async function updateConfirmationThreshold(_previous: SettingFormState | null, form: FormData): Promise<SettingFormState> {
  const access = await requirePermission("settings.manage");
  if (!access.ok) return { ok: false, message: access.error };
  const result = await setConfirmationThreshold(access.staff, { currency: form.get("currency"), amount: form.get("amount") });
  if (!result.ok) return { ok: false, message: result.error };
  revalidatePath("/settings");
  return { ok: true, message: result.message };
}

export async function updateOwnTheme(_previous: SettingFormState | null, form: FormData): Promise<SettingFormState> {
  const access = await requirePermission("self.manage");
  if (!access.ok) return { ok: false, message: access.error };
  const result = await setOwnTheme(access.staff.id, form.get("theme"));
  if (!result.ok) return { ok: false, message: result.error };
  revalidatePath("/", "layout");
  return { ok: true, message: result.message };
}
