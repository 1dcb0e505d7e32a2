"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { requirePermission } from "@/lib/auth/require-role";
import { confirmIdentity, setRefundStepUpThreshold, setStepUpWindow, stepUpRefusal, type ConfirmIdentityResult } from "@/lib/auth/step-up";
import { setTwoFactorRequiredForAll } from "@/lib/auth/two-factor/requirement";
import { appConfig } from "@/lib/env";
import { clientAddress } from "@/lib/security/client-address";
import type { SettingFormState } from "./preference-actions";

// Anyone signed in proves themselves again for a high-risk action (the dialog beside its form).
export async function confirmIdentityAction(input: unknown): Promise<ConfirmIdentityResult> {
  const access = await requirePermission("self.manage");
  if (!access.ok) return { ok: false, error: access.error };
  return confirmIdentity(access.staff, input, new Date(), clientAddress(Object.fromEntries(await headers()), appConfig().trustedProxyHops));
}

// The security settings themselves are high-risk changes: a stolen session must not lower them.
export async function updateTwoFactorForAll(_previous: SettingFormState | null, form: FormData): Promise<SettingFormState> {
  const access = await requirePermission("settings.manage");
  if (!access.ok) return { ok: false, message: access.error };
  const stepUp = await stepUpRefusal(access.staff);
  if (stepUp) return { ok: false, message: stepUp.error, code: stepUp.code };
  const result = await setTwoFactorRequiredForAll(access.staff, { required: form.get("required") });
  if (!result.ok) return { ok: false, message: result.error };
  revalidatePath("/settings");
  return { ok: true, message: result.message };
}

export async function updateStepUpWindow(_previous: SettingFormState | null, form: FormData): Promise<SettingFormState> {
  const access = await requirePermission("settings.manage");
  if (!access.ok) return { ok: false, message: access.error };
  const stepUp = await stepUpRefusal(access.staff);
  if (stepUp) return { ok: false, message: stepUp.error, code: stepUp.code };
  const result = await setStepUpWindow(access.staff, form.get("minutes"));
  if (!result.ok) return { ok: false, message: result.error };
  revalidatePath("/settings");
  return { ok: true, message: result.message };
}

export async function updateRefundStepUpThreshold(_previous: SettingFormState | null, form: FormData): Promise<SettingFormState> {
  const access = await requirePermission("settings.manage");
  if (!access.ok) return { ok: false, message: access.error };
  const stepUp = await stepUpRefusal(access.staff);
  if (stepUp) return { ok: false, message: stepUp.error, code: stepUp.code };
  const result = await setRefundStepUpThreshold(access.staff, { currency: form.get("currency"), amount: form.get("amount") });
  if (!result.ok) return { ok: false, message: result.error };
  revalidatePath("/settings");
  return { ok: true, message: result.message };
}
