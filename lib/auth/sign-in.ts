import { randomUUID } from "node:crypto";
import { raiseAlerts } from "@/lib/alerts/raise";
import { signInThrottledAlert } from "@/lib/alerts/staff";
import { db } from "@/lib/db";
import { DEFAULT_LOCALE, localeForLanguages } from "@/lib/amounts/number-formats";
import { verifyAgainstDummy, verifyPassword } from "./password";
import type { StaffRole } from "./roles";
import {
  ADDRESS_POLICY, addressKey, countBackoffFailure, PAIR_POLICY, pairKey, pruneExpiredBackoffs, readBackoff, rememberAddress,
} from "./sign-in-backoff";
import { recordFailure, type ThrottleKey } from "./sign-in-throttle";
import { openChallenge } from "./two-factor/challenge";

/**
 * Checks an email and password against the throttle in the database. Every email is throttled,
 * staff or not, and an unknown email takes the same steps (two reads, one scrypt, the same writes
 * on failure) as a staff one, so neither the answers nor their timing reveal who is staff.
 */

export interface SignedInStaff {
  id: string;
  email: string;
  name: string;
  roles: StaffRole[];
  /** The staff row's session version, carried by the session token (see access.ts). */
  sessionVersion: number;
}

export type SignInResult =
  | { ok: true; staff: SignedInStaff }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "disabled" }
  /** The password was right, but this person has a second factor: no session until its code. */
  | { ok: false; reason: "second_factor_required"; challenge: string }
  | { ok: false; reason: "throttled"; retryAt: Date };

/** What a session is built from, the same for the password step and the second-factor step. */
export function signedInStaff(staff: SignedInStaff): SignedInStaff {
  return { id: staff.id, email: staff.email, name: staff.name, roles: staff.roles, sessionVersion: staff.sessionVersion };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

const latest = (dates: (Date | null)[]): Date | null =>
  dates.reduce<Date | null>((a, b) => (b && (!a || b > a) ? b : a), null);

/**
 * `browserLanguages` (the sign-in request's Accept-Language) sets the number format of someone who
 * has none yet, so a German's first "1,50" is read as €1.50; later they change it on Settings.
 * `address` is the client's (lib/security/client-address.ts); null counts as one unknown address.
 */
export async function signInStaff(
  email: string, password: string, now = new Date(), browserLanguages?: string, address: string | null = null,
): Promise<SignInResult> {
  const normalised = normaliseEmail(email);
  // The same reads for every attempt, so a staff email costs the same queries as any other.
  const [staff, throttle, pair, client] = await Promise.all([
    db().staffUser.findUnique({ where: { email: normalised } }),
    db().signInThrottle.findUnique({ where: { email: normalised }, select: { lockedUntil: true } }),
    readBackoff(pairKey(normalised, address), now),
    readBackoff(addressKey(address), now),
  ]);
  const key: ThrottleKey = staff ? { staffId: staff.id } : { email: normalised };
  const accountLock = staff ? staff.lockedUntil : (throttle?.lockedUntil ?? null);
  // The account's lock spares the addresses it signed in from: failures elsewhere cannot lock the owner out.
  const blockedUntil = latest([pair.known ? null : accountLock, pair.retryAt, client.retryAt]);

  // While held back even the right password is refused; otherwise waiting would not slow guessing.
  if (blockedUntil && blockedUntil > now) {
    await verifyAgainstDummy(password);
    return { ok: false, reason: "throttled", retryAt: blockedUntil };
  }

  const passwordMatches = staff ? await verifyPassword(password, staff.passwordHash) : await verifyAgainstDummy(password);
  if (!staff || !passwordMatches) {
    const [account, pairWait, addressWait] = await Promise.all([
      recordFailure(key, now),
      countBackoffFailure(pairKey(normalised, address), PAIR_POLICY, now),
      countBackoffFailure(addressKey(address), ADDRESS_POLICY, now),
    ]);
    await pruneExpiredBackoffs(now);
    if (staff && account.lockStarted) await recordThrottleNotice(staff, address, account.retryAt!, now);
    const retryAt = latest([pair.known ? null : account.retryAt, pairWait, addressWait]);
    return retryAt ? { ok: false, reason: "throttled", retryAt } : { ok: false, reason: "invalid" };
  }

  // Only someone who knows the password learns the account is disabled.
  if (staff.disabledAt) return { ok: false, reason: "disabled" };

  await rememberAddress(normalised, address, now);
  const secondFactor = Boolean(staff.totpEnabledAt) || (await db().staffPasskey.count({ where: { staffId: staff.id } })) > 0;
  await db().staffUser.update({
    where: { id: staff.id },
    data: {
      failedSignInCount: 0, lockedUntil: null, failuresExpireAt: null,
      // Signed in only once the second factor is given too (two-factor/challenge.ts).
      ...(secondFactor ? {} : { lastSignInAt: now }),
      ...(staff.locale ? {} : { locale: localeForLanguages(browserLanguages) ?? DEFAULT_LOCALE }),
    },
  });
  if (secondFactor) return { ok: false, reason: "second_factor_required", challenge: await openChallenge(staff.id, now) };
  return { ok: true, staff: signedInStaff(staff) };
}

/**
 * The person and the admins are told when strangers lock an account (lib/alerts, rule
 * staff.sign_in_throttled): the audit row and its alerts are written together.
 */
async function recordThrottleNotice(staff: { id: string; name: string; email: string }, address: string | null, retryAt: Date, now: Date): Promise<void> {
  await db().$transaction(async (tx) => {
    const action = await tx.staffAction.create({
      data: {
        actorId: staff.id, kind: "staff.sign_in.throttled", objectType: "staff_user", objectId: staff.id,
        params: { address: address ?? "unknown", lockedUntil: retryAt.toISOString() },
        idempotencyKey: randomUUID(), status: "succeeded", outcome: { staffId: staff.id }, completedAt: now,
      },
    });
    await raiseAlerts(tx, [signInThrottledAlert(action.id, staff, address, retryAt)], now);
  });
}
