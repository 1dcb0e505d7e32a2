"use server";

import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { revalidatePath } from "next/cache";
import { requirePermission } from "@/lib/auth/require-role";
import { authenticationOptions, registerPasskey, registrationOptions, removePasskey, type OptionsResult, type PasskeyChangeResult } from "@/lib/auth/passkeys/passkeys";
import { stepUpRefusal } from "@/lib/auth/step-up";

type Refused = { ok: false; error: string; code?: string };

// Adding or removing a second factor is high-risk: a stolen session must not plant its own passkey.
export async function passkeyRegistrationOptionsAction(): Promise<OptionsResult<PublicKeyCredentialCreationOptionsJSON> | Refused> {
  const access = await requirePermission("self.manage");
  if (!access.ok) return { ok: false, error: access.error };
  const stepUp = await stepUpRefusal(access.staff);
  if (stepUp) return { ok: false, error: stepUp.error, code: stepUp.code };
  return registrationOptions(access.staff);
}

export async function registerPasskeyAction(input: unknown): Promise<PasskeyChangeResult> {
  const access = await requirePermission("self.manage");
  if (!access.ok) return { ok: false, error: access.error };
  const stepUp = await stepUpRefusal(access.staff);
  if (stepUp) return { ok: false, error: stepUp.error, code: stepUp.code };
  const result = await registerPasskey(access.staff, input);
  if (result.ok) revalidatePath("/settings");
  return result;
}

export async function removePasskeyAction(input: unknown): Promise<PasskeyChangeResult> {
  const access = await requirePermission("self.manage");
  if (!access.ok) return { ok: false, error: access.error };
  const stepUp = await stepUpRefusal(access.staff);
  if (stepUp) return { ok: false, error: stepUp.error, code: stepUp.code };
  const result = await removePasskey(access.staff, input);
  if (result.ok) revalidatePath("/settings");
  return result;
}

// The options a passkey answers in the confirm-it-is-you dialog.
export async function stepUpPasskeyOptionsAction(): Promise<OptionsResult<PublicKeyCredentialRequestOptionsJSON>> {
  const access = await requirePermission("self.manage");
  if (!access.ok) return { ok: false, error: access.error };
  return authenticationOptions(access.staff.id, "step_up");
}
