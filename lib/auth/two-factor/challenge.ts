import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import type { SignedInStaff } from "../sign-in";
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
  | { ok: true; staff: SignedInStaff; used: "totp" | "recovery_code" }
  | { ok: false; reason: "expired" | "invalid" | "disabled" }
  | { ok: false; reason: "throttled"; retryAt: Date };

export async function completeChallenge(token: string, code: string, now: Date, address: string | null): Promise<ChallengeResult> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { ok: false, reason: "expired" };
  // Counting the attempt first, in one statement, caps the tries of a challenge even under a race.
  const [row] = await db().$queryRaw<{ staff_id: string }[]>`
    UPDATE sign_in_challenges SET attempts = attempts + 1
    WHERE token_hash = ${hashOf(token)} AND expires_at > ${now} AND attempts < ${CHALLENGE_ATTEMPTS}
    RETURNING staff_id::text`;
  if (!row) return { ok: false, reason: "expired" };
  const checked = await checkSecondFactor(row.staff_id, code, now, address);
  if (!checked.ok) return checked;
  await db().signInChallenge.deleteMany({ where: { tokenHash: hashOf(token) } });
  const staff = await db().staffUser.update({ where: { id: row.staff_id }, data: { lastSignInAt: now } });
  if (staff.disabledAt) return { ok: false, reason: "disabled" };
  return {
    ok: true, used: checked.used,
    staff: { id: staff.id, email: staff.email, name: staff.name, roles: staff.roles, sessionVersion: staff.sessionVersion },
  };
}
