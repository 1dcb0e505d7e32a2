import { db } from "@/lib/db";
import { stripeEventSchema, type EventSource } from "./event";
import { recordStripeEvent, type RecordDependencies, type RecordOutcome } from "./record";

/**
 * The app's own retry of events whose projection failed. Rows are leased with
 * `FOR UPDATE SKIP LOCKED` and a pushed-back next attempt, so several app instances running this
 * loop never work on the same event at once, and a crashed instance's lease simply expires.
 */

const LEASE_SECONDS = 120;
/** A queued event takes milliseconds; a process that died holding one frees it this soon. */
const FOLLOW_UP_LEASE_SECONDS = 15;

export interface RetrySummary {
  attempted: number;
  processed: number;
  failed: number;
}

export function retryDueEvents(dependencies: RecordDependencies, limit = 25): Promise<RetrySummary> {
  return processDue("failed", LEASE_SECONDS, dependencies, limit);
}

/**
 * Projects events a webhook entry point stored as received because their projection needs Stripe
 * (record.ts, stripeWork "later"), asking Stripe now, outside any delivery. A failure here becomes an
 * ordinary failed event with its retry schedule.
 */
export function projectQueuedEvents(dependencies: RecordDependencies, limit = 25): Promise<RetrySummary> {
  return processDue("received", FOLLOW_UP_LEASE_SECONDS, dependencies, limit);
}

async function processDue(status: "failed" | "received", leaseSeconds: number, dependencies: RecordDependencies, limit: number): Promise<RetrySummary> {
  const due = await db().$queryRawUnsafe<{ id: string; payload: unknown; source: EventSource }[]>(
    `UPDATE stripe_events SET next_attempt_at = now() + make_interval(secs => $2)
      WHERE id IN (SELECT id FROM stripe_events
                    WHERE status = $3::"StripeEventStatus" AND next_attempt_at <= now()
                    ORDER BY next_attempt_at LIMIT $1
                    FOR UPDATE SKIP LOCKED)
      RETURNING id, payload, source::text AS source`,
    limit,
    leaseSeconds,
    status,
  );
  const summary: RetrySummary = { attempted: 0, processed: 0, failed: 0 };
  for (const row of due) {
    const outcome = await reprocessStored(row.payload, row.source, dependencies, false);
    summary.attempted++;
    if (outcome.status === "failed") summary.failed++;
    else summary.processed++;
  }
  return summary;
}

/** A staff replay: project a stored event again, whatever its status (projections are idempotent). */
export async function replayStoredEvent(eventId: string, dependencies: RecordDependencies): Promise<RecordOutcome | null> {
  const rows = await db().$queryRawUnsafe<{ payload: unknown; source: EventSource }[]>(
    `SELECT payload, source::text AS source FROM stripe_events WHERE id = $1`,
    eventId,
  );
  const row = rows[0];
  if (!row) return null;
  return reprocessStored(row.payload, row.source, dependencies, true);
}

async function reprocessStored(
  payload: unknown,
  source: EventSource,
  dependencies: RecordDependencies,
  force: boolean,
): Promise<RecordOutcome> {
  const event = stripeEventSchema.parse(typeof payload === "string" ? JSON.parse(payload) : payload);
  return recordStripeEvent(event, source, dependencies, { force });
}
