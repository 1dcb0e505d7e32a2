import { db } from "@/lib/db";
import type { Stripe } from "@/lib/stripe/client";
import { stripeEventSchema } from "./event";
import { fillMissingFees, type FeeSweepProgress } from "./fees";
import { recordStripeEvent, type RecordDependencies } from "./record";

/**
 * Fetches the events we missed (an outage, a misconfigured secret) from GET /v1/events and records
 * them like deliveries. Starts a minute before the newest event we hold, because events of one
 * second are not ordered, and never further back than Stripe keeps events (30 days).
 */

export const CATCH_UP_CURSOR = "events.catch_up";
const STRIPE_EVENT_RETENTION_SECONDS = 30 * 24 * 60 * 60;
const OVERLAP_SECONDS = 60;

export interface CatchUpProgress {
  fetched: number;
  recorded: number;
  duplicates: number;
  failed: number;
  since: number;
  /** Fees filled for charges and refunds whose balance transactions never reached us. */
  fees: FeeSweepProgress;
}

export async function catchUpMissedEvents(
  client: Stripe,
  dependencies: RecordDependencies,
  onProgress: (progress: CatchUpProgress) => void = () => {},
): Promise<CatchUpProgress> {
  const rows = await db().$queryRawUnsafe<{ newest: Date | null }[]>(`SELECT max(created) AS newest FROM stripe_events`);
  const newest = rows[0]?.newest ? Math.floor(new Date(rows[0].newest).getTime() / 1000) : null;
  // A few minutes short of 30 days, so the oldest events are not expiring while we page.
  const oldestAvailable = Math.floor(Date.now() / 1000) - STRIPE_EVENT_RETENTION_SECONDS + 300;
  const since = Math.max(newest !== null ? newest - OVERLAP_SECONDS : oldestAvailable, oldestAvailable);

  const progress: CatchUpProgress = { fetched: 0, recorded: 0, duplicates: 0, failed: 0, since, fees: { charges: 0, transactions: 0, failed: 0 } };
  // Stripe lists newest first. Events of one second carry snapshots our `>=` rule cannot order,
  // so they are recorded oldest first, the order in which Stripe generated them.
  const missed: unknown[] = [];
  for await (const raw of client.events.list({ created: { gte: since }, limit: 100 })) missed.push(raw);
  missed.reverse();
  for (const raw of missed) {
    progress.fetched++;
    const parsed = stripeEventSchema.safeParse(raw);
    if (!parsed.success) {
      progress.failed++;
      continue;
    }
    const outcome = await recordStripeEvent(parsed.data, "catch_up", dependencies);
    if (outcome.status === "duplicate") progress.duplicates++;
    else if (outcome.status === "failed") progress.failed++;
    else progress.recorded++;
    if (progress.fetched % 100 === 0) onProgress({ ...progress });
  }
  progress.fees = await fillMissingFees(client);
  onProgress({ ...progress });
  await db().syncCursor.upsert({
    where: { name: CATCH_UP_CURSOR },
    create: { name: CATCH_UP_CURSOR, progress: { ...progress, finishedAt: new Date().toISOString() } },
    update: { progress: { ...progress, finishedAt: new Date().toISOString() } },
  });
  return progress;
}
