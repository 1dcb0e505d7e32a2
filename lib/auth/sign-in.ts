import { db } from "@/lib/db";
import { verifyAgainstDummy, verifyPassword } from "./password";
import type { StaffRole } from "./roles";

/**
 * Checks an email and password and keeps the per-account throttle in the database, so it holds
 * across app instances and restarts.
 */

export const FAILURES_BEFORE_LOCK = 5;
const FIRST_LOCK_MS = 15 * 60_000;
const LONGEST_LOCK_MS = 24 * 60 * 60_000;

export interface SignedInStaff {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
}

export type SignInResult =
  | { ok: true; staff: SignedInStaff }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "disabled" }
  | { ok: false; reason: "throttled"; retryAt: Date };

/** 15 min after the 5th failure in a row, then doubling with each further failure, at most a day. */
export function lockDurationMs(consecutiveFailures: number): number {
  if (consecutiveFailures < FAILURES_BEFORE_LOCK) return 0;
  return Math.min(FIRST_LOCK_MS * 2 ** (consecutiveFailures - FAILURES_BEFORE_LOCK), LONGEST_LOCK_MS);
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function signInStaff(email: string, password: string, now = new Date()): Promise<SignInResult> {
  const staff = await db().staffUser.findUnique({ where: { email: normaliseEmail(email) } });
  if (!staff) {
    await verifyAgainstDummy(password);
    return { ok: false, reason: "invalid" };
  }

  // While locked even the right password is refused; otherwise the lock would not slow guessing.
  if (staff.lockedUntil && staff.lockedUntil > now) {
    await verifyAgainstDummy(password);
    return { ok: false, reason: "throttled", retryAt: staff.lockedUntil };
  }

  if (!(await verifyPassword(password, staff.passwordHash))) {
    return recordFailure(staff.id, now);
  }

  // Only someone who knows the password learns the account is disabled.
  if (staff.disabledAt) return { ok: false, reason: "disabled" };

  await db().staffUser.update({
    where: { id: staff.id },
    data: { failedSignInCount: 0, lockedUntil: null, lastSignInAt: now },
  });
  return { ok: true, staff: { id: staff.id, email: staff.email, name: staff.name, role: staff.role } };
}

async function recordFailure(staffId: string, now: Date): Promise<SignInResult> {
  // The increment is done by the database so concurrent failures all count.
  const { failedSignInCount } = await db().staffUser.update({
    where: { id: staffId },
    data: { failedSignInCount: { increment: 1 } },
    select: { failedSignInCount: true },
  });
  const lockMs = lockDurationMs(failedSignInCount);
  if (lockMs === 0) return { ok: false, reason: "invalid" };
  const retryAt = new Date(now.getTime() + lockMs);
  await db().staffUser.update({ where: { id: staffId }, data: { lockedUntil: retryAt } });
  return { ok: false, reason: "throttled", retryAt };
}
