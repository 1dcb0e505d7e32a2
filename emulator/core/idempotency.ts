import { createHash } from "node:crypto";
import type { IdempotencyRecord, Store } from "./store";

/**
 * Stripe may prune a key once it is 24 hours old and then treats a reuse as a new request
 * (docs.stripe.com/idempotency). Pruning at exactly 24 hours, measured on the emulator's clock,
 * is the strictest reading: a client that resends after a day gets a second object, as it may at
 * Stripe, and a test can get there by advancing the clock.
 */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
/**
 * stripe-node puts a key on every POST, so a long benchmark would keep every response for a
 * day. Past this many the oldest are forgotten (Stripe's own pruning is by age alone).
 */
export const MAX_IDEMPOTENCY_RECORDS = 50_000;

export type IdempotencyOutcome =
  | { kind: "new"; record: IdempotencyRecord }
  | { kind: "replay"; record: IdempotencyRecord }
  | { kind: "mismatch" }
  | { kind: "in_flight" };

export function fingerprint(body: Buffer): string {
  return createHash("sha256").update(body).digest("base64");
}

/** Stripe's idempotency layer: same key + same request → the first response; anything else is an error. */
export function beginIdempotent(store: Store, key: string, method: string, path: string, body: Buffer, nowMs: number): IdempotencyOutcome {
  const params = fingerprint(body);
  const existing = store.idempotency.get(key);
  if (existing && nowMs - existing.createdMs < IDEMPOTENCY_RETENTION_MS) {
    if (existing.method !== method || existing.path !== path || existing.params !== params) return { kind: "mismatch" };
    if (existing.body === undefined) return { kind: "in_flight" };
    return { kind: "replay", record: existing };
  }
  const record: IdempotencyRecord = { key, method, path, params, createdMs: nowMs };
  store.idempotency.delete(key);
  store.idempotency.set(key, record);
  if (store.idempotency.size > MAX_IDEMPOTENCY_RECORDS) pruneIdempotency(store, nowMs);
  return { kind: "new", record };
}

export function finishIdempotent(store: Store, record: IdempotencyRecord, status: number, body: string, requestId: string): void {
  record.status = status;
  record.body = body;
  record.requestId = requestId;
  store.idempotencyChanged(record.key);
}

export function abandonIdempotent(store: Store, record: IdempotencyRecord): void {
  store.idempotency.delete(record.key);
}

/** `nowMs` is the emulator's clock, so advancing it by a day forgets the keys of that day. */
export function pruneIdempotency(store: Store, nowMs: number): void {
  const cutoff = nowMs - IDEMPOTENCY_RETENTION_MS;
  let excess = store.idempotency.size - MAX_IDEMPOTENCY_RECORDS;
  // Oldest first: the map keeps insertion order.
  for (const [key, record] of store.idempotency) {
    if (record.createdMs < cutoff || excess > 0) {
      store.idempotency.delete(key);
      excess--;
    } else break;
  }
}
