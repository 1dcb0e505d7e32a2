import { db } from "@/lib/db";

/**
 * The per-account sign-in lock, kept per normalised email in the database so it holds across app
 * instances and restarts. It holds back addresses the account never signed in from; the account's
 * own addresses answer only to their own back-off (sign-in-backoff.ts), so no stranger can lock
 * the owner out. A staff account keeps its counters on its own row (where admins see and clear
 * them); any other email keeps them in sign_in_throttles. Both follow exactly the same rules, so
 * the answers to a run of attempts cannot tell an attacker whether an email belongs to staff.
 */

export const FAILURES_BEFORE_LOCK = 5;
const FIRST_LOCK_MS = 15 * 60_000;
const LONGEST_LOCK_MS = 24 * 60 * 60_000;
/**
 * Failures are forgotten this long after the later of the last failure and the end of its lock.
 * Rows for unknown emails must expire to bound the table, and staff rows expire alike, or the
 * length of the next lock a day later would tell the two apart.
 */
export const FAILURE_MEMORY_MS = LONGEST_LOCK_MS;
// Each failure may add one row and deletes up to this many dead ones, so dead rows cannot pile up.
const PRUNE_BATCH = 100;

/** 15 min after the 5th failure in a row, then doubling with each further failure, at most a day. */
export function lockDurationMs(consecutiveFailures: number): number {
  if (consecutiveFailures < FAILURES_BEFORE_LOCK) return 0;
  return Math.min(FIRST_LOCK_MS * 2 ** (consecutiveFailures - FAILURES_BEFORE_LOCK), LONGEST_LOCK_MS);
}

/** Whose counters an attempt moves: a staff account's row, or the email's own throttle row. */
export type ThrottleKey = { staffId: string } | { email: string };

/**
 * Counts one failure; returns when the email may try again if this failure locked it, and whether
 * it is the failure that started the lock (the one the person is told about).
 */
export async function recordFailure(key: ThrottleKey, now: Date): Promise<{ retryAt: Date | null; lockStarted: boolean }> {
  const failures = await countFailure(key, now);
  await pruneExpiredThrottles(now);
  const lockMs = lockDurationMs(failures);
  if (lockMs === 0) return { retryAt: null, lockStarted: false };
  const retryAt = new Date(now.getTime() + lockMs);
  await extendLock(key, retryAt);
  return { retryAt, lockStarted: failures === FAILURES_BEFORE_LOCK };
}

// One statement each, so concurrent failures all count. Every right-hand side reads the row as it
// was, so an expired row restarts at 1 with no lock; the expiry moves forward in the same statement,
// so a concurrent failure right behind it counts on from there instead of restarting too.
async function countFailure(key: ThrottleKey, now: Date): Promise<number> {
  const memoryEnd = new Date(now.getTime() + FAILURE_MEMORY_MS);
  const [row] =
    "staffId" in key
      ? await db().$queryRaw<{ failures: number }[]>`
          UPDATE staff_users SET
            failed_sign_in_count = CASE WHEN failures_expire_at IS NULL OR failures_expire_at <= ${now} THEN 1 ELSE failed_sign_in_count + 1 END,
            locked_until = CASE WHEN failures_expire_at IS NULL OR failures_expire_at <= ${now} THEN NULL ELSE locked_until END,
            failures_expire_at = GREATEST(failures_expire_at, ${memoryEnd})
          WHERE id = ${key.staffId}::uuid
          RETURNING failed_sign_in_count AS failures`
      : await db().$queryRaw<{ failures: number }[]>`
          INSERT INTO sign_in_throttles AS t (email, failed_count, locked_until, expires_at)
          VALUES (${key.email}, 1, NULL, ${memoryEnd})
          ON CONFLICT (email) DO UPDATE SET
            failed_count = CASE WHEN t.expires_at <= ${now} THEN 1 ELSE t.failed_count + 1 END,
            locked_until = CASE WHEN t.expires_at <= ${now} THEN NULL ELSE t.locked_until END,
            expires_at = GREATEST(t.expires_at, ${memoryEnd})
          RETURNING failed_count AS failures`;
  // No row: the staff account was deleted since it was read, so there is nothing left to lock.
  return row?.failures ?? 0;
}

// GREATEST: two failures racing must leave the longer of their locks, whichever lands last.
async function extendLock(key: ThrottleKey, retryAt: Date): Promise<void> {
  const memoryEnd = new Date(retryAt.getTime() + FAILURE_MEMORY_MS);
  if ("staffId" in key) {
    await db().$executeRaw`
      UPDATE staff_users SET locked_until = GREATEST(locked_until, ${retryAt}), failures_expire_at = GREATEST(failures_expire_at, ${memoryEnd})
      WHERE id = ${key.staffId}::uuid`;
  } else {
    await db().$executeRaw`
      UPDATE sign_in_throttles SET locked_until = GREATEST(locked_until, ${retryAt}), expires_at = GREATEST(expires_at, ${memoryEnd})
      WHERE email = ${key.email}`;
  }
}

// Runs on every failure, staff or not, so both take the same steps. SKIP LOCKED: a row another
// attempt is updating right now is left for the next prune rather than waited for.
async function pruneExpiredThrottles(now: Date): Promise<void> {
  await db().$executeRaw`
    DELETE FROM sign_in_throttles WHERE email IN (
      SELECT email FROM sign_in_throttles WHERE expires_at <= ${now} LIMIT ${PRUNE_BATCH} FOR UPDATE SKIP LOCKED)`;
}
