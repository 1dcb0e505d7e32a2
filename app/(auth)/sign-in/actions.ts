"use server";

import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import type { OptionsResult } from "@/lib/auth/passkeys/passkeys";
import { passkeyOptionsForChallenge } from "@/lib/auth/two-factor/challenge";

// No session yet: the sign-in challenge the right password handed out is the credential.
export async function signInPasskeyOptionsAction(challenge: unknown): Promise<OptionsResult<PublicKeyCredentialRequestOptionsJSON>> {
  if (typeof challenge !== "string") return { ok: false, error: "This sign-in has expired. Enter your password again." };
  return passkeyOptionsForChallenge(challenge, new Date());
}
