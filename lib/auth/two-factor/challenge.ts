import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { signedInStaff, type SignedInStaff } from "../sign-in";
import { authenticationOptions, verifyPasskeyAssertion, type OptionsResult } from "../passkeys/passkeys";
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { checkSecondFactor } from "./second-factor";

/**
 * The second step of signing in. A right password for someone with a second factor yields no
 * session, only a challenge: a random token (only its hash is stored) good for a few minutes and a
 * few codes, which the sign-in page sends back with the code. A session is issued only when both
 * are right.
 */

export const CHALLENGE_TTL_MS = 5 * 60_000;
export const CHALLENGE_ATTEMPTS = 5;
const PRUNE_BATCH = 100;

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

export async function openChallenge(staffId: string, now: Date): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db().$executeRaw`
    DELETE FROM sign_in_challenges WHERE token_hash IN (
      SELECT token_hash FROM sign_in_challenges WHERE expires_at <= ${now} LIMIT ${PRUNE_BATCH} FOR UPDATE SKIP LOCKED)`;
  await db().signInChallenge.create({ data: { tokenHash: hashOf(token), staffId, expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS) } });
  return token;
}

export type ChallengeResult =
  | { ok: true; staff: SignedInStaff; used: "totp" | "recovery_code" | "passkey" }
  | { ok: false; reason: "expired" | "invalid" | "disabled" }
  | { ok: false; reason: "throttled"; retryAt: Date };

/** The answer to a challenge: a code (TOTP or recovery), or a passkey's assertion (parsed JSON). */
export type ChallengeAnswer = { code: string } | { passkey: unknown };

export async function completeChallenge(token: string, answer: string | ChallengeAnswer, now: Date, address: string | null): Promise<ChallengeResult> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { ok: false, reason: "expired" };
  // Counting the attempt first, in one statement, caps the tries of a challenge even under a race.
  const [row] = await db().$queryRaw<{ staff_id: string }[]>`
    UPDATE sign_in_challenges SET attempts = attempts + 1
    WHERE token_hash = ${hashOf(token)} AND expires_at > ${now} AND attempts < ${CHALLENGE_ATTEMPTS}
    RETURNING staff_id::text`;
  if (!row) return { ok: false, reason: "expired" };
  const given = typeof answer === "string" ? { code: answer } : answer;
  let used: "totp" | "recovery_code" | "passkey";
  if ("code" in given) {
    const checked = await checkSecondFactor(row.staff_id, given.code, now, address);
    if (!checked.ok) return checked;
    used = checked.used;
  } else {
    const asserted = await verifyPasskeyAssertion(row.staff_id, "sign_in", given.passkey, now);
    if (!asserted.ok) return { ok: false, reason: "invalid" };
    used = "passkey";
  }
  await db().signInChallenge.deleteMany({ where: { tokenHash: hashOf(token) } });
  const staff = await db().staffUser.update({ where: { id: row.staff_id }, data: { lastSignInAt: now } });
  if (staff.disabledAt) return { ok: false, reason: "disabled" };
  return { ok: true, used, staff: signedInStaff(staff) };
}

/**
 * The gate of the passkey step before any session exists: the challenge the right password handed
 * out names the person, without spending one of its tries (the assertion that follows is what counts).
 */
export async function requireSignInChallenge(token: unknown, now: Date): Promise<{ ok: true; staffId: string } | { ok: false; error: string }> {
  const expired = { ok: false as const, error: "This sign-in has expired. Enter your password again." };
  if (typeof token !== "string" || !/^[A-Za-z0-9_-]{43}$/.test(token)) return expired;
  const row = await db().signInChallenge.findFirst({
    where: { tokenHash: hashOf(token), expiresAt: { gt: now }, attempts: { lt: CHALLENGE_ATTEMPTS } },
    select: { staffId: true },
  });
  return row ? { ok: true, staffId: row.staffId } : expired;
}

/** Passkey options for the person behind a live sign-in challenge. */
export async function passkeyOptionsForChallenge(token: string, now: Date): Promise<OptionsResult<PublicKeyCredentialRequestOptionsJSON>> {
  const pending = await requireSignInChallenge(token, now);
  if (!pending.ok) return pending;
  return authenticationOptions(pending.staffId, "sign_in", now);
}
