import { db } from "@/lib/db";

/**
 * WebAuthn challenges live in the database, not in a cookie or in memory: bound to one person and
 * one purpose, good for a few minutes, and deleted by the answer that uses them, right or wrong,
 * in one statement, so two requests racing with one assertion cannot both pass.
 */

export const WEBAUTHN_CHALLENGE_TTL_MS = 5 * 60_000;
export type ChallengePurpose = "registration" | "sign_in" | "step_up";
const PRUNE_BATCH = 100;

export async function storeWebAuthnChallenge(staffId: string, purpose: ChallengePurpose, challenge: string, now: Date): Promise<void> {
  await db().$executeRaw`
    DELETE FROM webauthn_challenges WHERE challenge IN (
      SELECT challenge FROM webauthn_challenges WHERE expires_at <= ${now} LIMIT ${PRUNE_BATCH} FOR UPDATE SKIP LOCKED)`;
  // One live challenge per person and purpose: asking again replaces it, so repeated asks (a script
  // holding a session, or a password at the sign-in step) cannot pile up rows.
  await db().$transaction([
    db().webAuthnChallenge.deleteMany({ where: { staffId, purpose } }),
    db().webAuthnChallenge.create({ data: { challenge, staffId, purpose, expiresAt: new Date(now.getTime() + WEBAUTHN_CHALLENGE_TTL_MS) } }),
  ]);
}

/** The challenge a browser's answer names, read from its clientDataJSON (null for anything malformed). */
export function challengeOf(clientDataJSON: unknown): string | null {
  if (typeof clientDataJSON !== "string" || clientDataJSON.length > 4096) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8"));
    const challenge = (parsed as { challenge?: unknown }).challenge;
    return typeof challenge === "string" && /^[A-Za-z0-9_-]{16,128}$/.test(challenge) ? challenge : null;
  } catch {
    return null;
  }
}

/** Spends the challenge if it is this person's, for this purpose, and still live; true only then. */
export async function spendWebAuthnChallenge(staffId: string, purpose: ChallengePurpose, challenge: string, now: Date): Promise<boolean> {
  const spent = await db().$executeRaw`
    DELETE FROM webauthn_challenges
    WHERE challenge = ${challenge} AND staff_id = ${staffId}::uuid AND purpose = ${purpose} AND expires_at > ${now}`;
  return spent === 1;
}
