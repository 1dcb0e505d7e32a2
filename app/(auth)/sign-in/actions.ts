"use server";

import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { authenticationOptions, type OptionsResult } from "@/lib/auth/passkeys/passkeys";
import { requireSignInChallenge } from "@/lib/auth/two-factor/challenge";

// No session yet: the sign-in challenge the right password handed out is the credential.
export async function signInPasskeyOptionsAction(challenge: unknown): Promise<OptionsResult<PublicKeyCredentialRequestOptionsJSON>> {
  const pending = await requireSignInChallenge(challenge, new Date());
  if (!pending.ok) return pending;
  return authenticationOptions(pending.staffId, "sign_in");
}
