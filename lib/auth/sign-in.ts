import { db } from "@/lib/db";
import { DEFAULT_LOCALE, localeForLanguages } from "@/lib/amounts/number-formats";
import { verifyAgainstDummy, verifyPassword } from "./password";
import type { StaffRole } from "./roles";
import { recordFailure, type ThrottleKey } from "./sign-in-throttle";

/**
 * Checks an email and password against the throttle in the database. Every email is throttled,
 * staff or not, and an unknown email takes the same steps (two reads, one scrypt, the same writes
 * on failure) as a staff one, so neither the answers nor their timing reveal who is staff.
 */

export interface SignedInStaff {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  /** The staff row's session version, carried by the session token (see access.ts). */
  sessionVersion: number;
}

export type SignInResult =
  | { ok: true; staff: SignedInStaff }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "disabled" }
  | { ok: false; reason: "throttled"; retryAt: Date };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * `browserLanguages` (the sign-in request's Accept-Language) sets the number format of someone who
 * has none yet, so a German's first "1,50" is read as €1.50; later they change it on Settings.
 */
export async function signInStaff(email: string, password: string, now = new Date(), browserLanguages?: string): Promise<SignInResult> {
  const normalised = normaliseEmail(email);
  // Both reads for every attempt, so a staff email costs the same queries as any other.
  const [staff, throttle] = await Promise.all([
    db().staffUser.findUnique({ where: { email: normalised } }),
    db().signInThrottle.findUnique({ where: { email: normalised }, select: { lockedUntil: true } }),
  ]);
  const key: ThrottleKey = staff ? { staffId: staff.id } : { email: normalised };
  const lockedUntil = staff ? staff.lockedUntil : (throttle?.lockedUntil ?? null);

  // While locked even the right password is refused; otherwise the lock would not slow guessing.
  if (lockedUntil && lockedUntil > now) {
    await verifyAgainstDummy(password);
    return { ok: false, reason: "throttled", retryAt: lockedUntil };
  }

  const passwordMatches = staff ? await verifyPassword(password, staff.passwordHash) : await verifyAgainstDummy(password);
  if (!staff || !passwordMatches) {
    const retryAt = await recordFailure(key, now);
    return retryAt ? { ok: false, reason: "throttled", retryAt } : { ok: false, reason: "invalid" };
  }

  // Only someone who knows the password learns the account is disabled.
  if (staff.disabledAt) return { ok: false, reason: "disabled" };

  await db().staffUser.update({
    where: { id: staff.id },
    data: {
      failedSignInCount: 0, lockedUntil: null, failuresExpireAt: null, lastSignInAt: now,
      ...(staff.locale ? {} : { locale: localeForLanguages(browserLanguages) ?? DEFAULT_LOCALE }),
    },
  });
  return { ok: true, staff: { id: staff.id, email: staff.email, name: staff.name, role: staff.role, sessionVersion: staff.sessionVersion } };
}
