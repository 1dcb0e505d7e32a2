import { databaseConnection, db, type DatabaseConnection } from "@/lib/db";
import { headerValue, type HeaderSource } from "@/lib/security/client-address";
import type { RejectionReason } from "./verify";

/**
 * Refused deliveries, counted so that a flood costs a constant amount of storage: one row per
 * reason and minute (count, first three samples) kept 30 days, and one row per client address for
 * the current minute only, at most MAX_CLIENTS_PER_MINUTE of them, for the per-address limit. The
 * counts live in the database, so the limit holds across app instances.
 */

/** Refusals one address may earn in a minute before it is answered 429 without a look at its body. */
export const REFUSALS_PER_CLIENT_PER_MINUTE = 30;
export const SAMPLES_PER_MINUTE = 3;
export const MAX_CLIENTS_PER_MINUTE = 1000;
const KEEP_COUNTS = "30 days";
/** Where addresses beyond MAX_CLIENTS_PER_MINUTE are counted together (never limited). */
const OTHER_CLIENTS = "(others)";

export interface RejectionSample {
  client: string;
  /** The Content-Length the sender declared, as it declared it. */
  declaredBytes: string | null;
  /** The start of its Stripe-Signature header, enough to tell a stale Stripe delivery from noise. */
  signature: string | null;
  userAgent: string | null;
}

export function rejectionSample(headers: HeaderSource, client: string): RejectionSample {
  const cut = (value: string | null, length: number) => (value === null ? null : value.slice(0, length));
  return {
    client,
    declaredBytes: cut(headerValue(headers, "content-length"), 20),
    signature: cut(headerValue(headers, "stripe-signature"), 40),
    userAgent: cut(headerValue(headers, "user-agent"), 120),
  };
}

/**
 * A minute in which no address had been refused, as the database said, and this process has
 * refused none since: until `until`, the check needs no read. On PGlite this process is the
 * database's only writer (one process per data directory, pglite-lock.ts), so no address can reach
 * its limit before the minute ends: at 32 concurrent deliveries that read was a fifth of the ingest
 * server's CPU. With PostgreSQL other instances count refusals too, so a quiet answer is trusted for
 * a second only: a forger spread over several instances is read a second later than it could be,
 * and every refusal is still counted, so the rows it costs stay bounded as before.
 */
let quietMinute: { connection: DatabaseConnection; until: number } | null = null;
/** Refusals this process has begun to count: a check that read the table before one of them landed proves nothing. */
let refusalsCounted = 0;

/** How long another instance's refusals may go unseen here, with PostgreSQL. */
const SHARED_QUIET_TRUST_MS = 1_000;
const MINUTE_MS = 60_000;

/**
 * Whether this address has been refused too often this minute. A database that cannot answer lets
 * the delivery through: it then gets the 503 that makes Stripe retry.
 */
export async function refusalLimitReached(client: string): Promise<boolean> {
  const connection = databaseConnection();
  const soleWriter = connection.target.kind === "pglite";
  const now = Date.now();
  if (quietMinute?.connection === connection && now < quietMinute.until) return false;
  const countedBefore = refusalsCounted;
  try {
    const rows = await db().$queryRaw<{ count: number | null; quiet: boolean; minute: number }[]>`
      SELECT (SELECT count FROM webhook_rejection_clients WHERE minute = date_trunc('minute', now()) AND client = ${client}) AS count,
             NOT EXISTS (SELECT 1 FROM webhook_rejection_clients WHERE minute = date_trunc('minute', now())) AS quiet,
             (extract(epoch FROM date_trunc('minute', now())) / 60)::int AS minute`;
    const row = rows[0];
    if (row?.quiet && countedBefore === refusalsCounted) {
      const minuteEnds = (Number(row.minute) + 1) * MINUTE_MS;
      quietMinute = { connection, until: soleWriter ? minuteEnds : Math.min(minuteEnds, now + SHARED_QUIET_TRUST_MS) };
    }
    return (row?.count ?? 0) >= REFUSALS_PER_CLIENT_PER_MINUTE;
  } catch {
    return false;
  }
}

/** Counted for the health view; losing one of these while the database is down is acceptable. */
export async function noteRejectedDelivery(reason: RejectionReason, sample: RejectionSample): Promise<void> {
  refusalsCounted += 1;
  quietMinute = null;
  const stamped = JSON.stringify([{ at: new Date().toISOString(), ...sample }]);
  try {
    const rows = await db().$queryRaw<{ first: boolean }[]>`
      WITH now_minute AS (SELECT date_trunc('minute', now()) AS minute),
      by_reason AS (
        INSERT INTO webhook_rejections AS r (minute, reason, count, samples)
        SELECT minute, ${reason}, 1, ${stamped}::jsonb FROM now_minute
        ON CONFLICT (minute, reason) DO UPDATE SET
          count = r.count + 1,
          samples = CASE WHEN jsonb_array_length(r.samples) < ${SAMPLES_PER_MINUTE} THEN r.samples || EXCLUDED.samples ELSE r.samples END
        RETURNING r.count = 1 AS first
      ),
      by_client AS (
        INSERT INTO webhook_rejection_clients AS c (minute, client, count)
        SELECT minute,
               CASE WHEN (SELECT count(*) FROM webhook_rejection_clients k WHERE k.minute = now_minute.minute) >= ${MAX_CLIENTS_PER_MINUTE}
                         AND NOT EXISTS (SELECT 1 FROM webhook_rejection_clients k WHERE k.minute = now_minute.minute AND k.client = ${sample.client})
                    THEN ${OTHER_CLIENTS} ELSE ${sample.client} END,
               1
          FROM now_minute
        ON CONFLICT (minute, client) DO UPDATE SET count = c.count + 1
      )
      SELECT first FROM by_reason`;
    // The first refusal of a minute clears what has expired, so pruning costs nothing per request.
    if (rows[0]?.first) {
      await db().$executeRaw`DELETE FROM webhook_rejection_clients WHERE minute < date_trunc('minute', now())`;
      await db().$executeRawUnsafe(`DELETE FROM webhook_rejections WHERE minute < now() - interval '${KEEP_COUNTS}'`);
    }
  } catch {
    // The delivery is refused either way; Stripe's own log keeps the attempt.
  }
}
