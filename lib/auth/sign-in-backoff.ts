import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Back-off per client address and per account-and-address, beside the per-account lock of
 * sign-in-throttle.ts. An attacker failing an account's password from anywhere slows only
 * themselves: the per-account lock spares addresses the account signed in from before (the
 * owner's), and the owner's own address has its own counters, which strangers cannot move.
 */

export interface BackoffPolicy {
  /** Failures allowed before the first wait. */
  free: number;
  firstWaitMs: number;
  longestWaitMs: number;
}

/** One person mistyping gets a minute after 5 tries; a guesser waits twice as long each time. */
export const PAIR_POLICY: BackoffPolicy = { free: 5, firstWaitMs: 60_000, longestWaitMs: 60 * 60_000 };
/** One address trying many accounts (password spraying), with room for an office behind one NAT. */
export const ADDRESS_POLICY: BackoffPolicy = { free: 20, firstWaitMs: 60_000, longestWaitMs: 60 * 60_000 };
/** How long a successful sign-in makes its address known to the account. */
export const KNOWN_ADDRESS_MS = 90 * 24 * 60 * 60_000;
const MEMORY_MS = 24 * 60 * 60_000;
const PRUNE_BATCH = 100;

export function backoffMs(failures: number, policy: BackoffPolicy): number {
  if (failures <= policy.free) return 0;
  return Math.min(policy.firstWaitMs * 2 ** (failures - policy.free - 1), policy.longestWaitMs);
}

/** Where an address's unknown value is counted: every client we cannot tell apart shares it. */
export const addressKey = (address: string | null) => `address:${address ?? "unknown"}`;
export const pairKey = (email: string, address: string | null) => `pair:${email} ${address ?? "unknown"}`;

export interface BackoffState {
  retryAt: Date | null;
  known: boolean;
}

export async function readBackoff(key: string, now: Date): Promise<BackoffState> {
  const row = await db().signInBackoff.findUnique({ where: { key } });
  return {
    retryAt: row?.retryAt && row.retryAt > now && row.expiresAt > now ? row.retryAt : null,
    known: Boolean(row?.knownUntil && row.knownUntil > now),
  };
}

/** Counts one failure under this key; returns until when it must wait, if it must. */
export async function countBackoffFailure(key: string, policy: BackoffPolicy, now: Date): Promise<Date | null> {
  const memoryEnd = new Date(now.getTime() + MEMORY_MS);
  // One statement, so concurrent failures all count; an expired count starts again at 1.
  const [row] = await db().$queryRaw<{ failures: number }[]>`
    INSERT INTO sign_in_backoffs AS b (key, failed_count, retry_at, known_until, expires_at)
    VALUES (${key}, 1, NULL, NULL, ${memoryEnd})
    ON CONFLICT (key) DO UPDATE SET
      failed_count = CASE WHEN b.expires_at <= ${now} THEN 1 ELSE b.failed_count + 1 END,
      retry_at = CASE WHEN b.expires_at <= ${now} THEN NULL ELSE b.retry_at END,
      expires_at = GREATEST(b.expires_at, ${memoryEnd})
    RETURNING failed_count AS failures`;
  const waitMs = backoffMs(row?.failures ?? 0, policy);
  if (waitMs === 0) return null;
  const retryAt = new Date(now.getTime() + waitMs);
  await db().$executeRaw`
    UPDATE sign_in_backoffs SET retry_at = GREATEST(retry_at, ${retryAt}), expires_at = GREATEST(expires_at, ${new Date(retryAt.getTime() + MEMORY_MS)})
    WHERE key = ${key}`;
  return retryAt;
}

/** A successful sign-in: this address is the account's own, and its failures are forgiven. */
export async function rememberAddress(email: string, address: string | null, now: Date): Promise<void> {
  const knownUntil = new Date(now.getTime() + KNOWN_ADDRESS_MS);
  await db().$executeRaw`
    INSERT INTO sign_in_backoffs AS b (key, failed_count, retry_at, known_until, expires_at)
    VALUES (${pairKey(email, address)}, 0, NULL, ${knownUntil}, ${knownUntil})
    ON CONFLICT (key) DO UPDATE SET failed_count = 0, retry_at = NULL, known_until = ${knownUntil},
      expires_at = GREATEST(b.expires_at, ${knownUntil})`;
}

/** An admin's unlock: every address's failures at this account are forgiven (known ones stay known). */
export async function forgiveAccountFailures(email: string, tx: Prisma.TransactionClient = db()): Promise<void> {
  await tx.$executeRaw`
    UPDATE sign_in_backoffs SET failed_count = 0, retry_at = NULL WHERE key LIKE ${`pair:${email.replace(/[\\%_]/g, "\\$&")} %`}`;
}

/** The right password at last: this key's failures are forgiven. */
export async function clearBackoff(key: string): Promise<void> {
  await db().$executeRaw`UPDATE sign_in_backoffs SET failed_count = 0, retry_at = NULL WHERE key = ${key}`;
}

export async function pruneExpiredBackoffs(now: Date): Promise<void> {
  await db().$executeRaw`
    DELETE FROM sign_in_backoffs WHERE key IN (
      SELECT key FROM sign_in_backoffs WHERE expires_at <= ${now} LIMIT ${PRUNE_BATCH} FOR UPDATE SKIP LOCKED)`;
}
