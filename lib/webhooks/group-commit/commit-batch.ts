import { databaseConnection, db } from "@/lib/db";
import { eventCreatedAt, type EventSource, type StripeEventEnvelope } from "../event";
import { namedBalanceTransactions, storeBalanceTransactions } from "../fees";
import { lockObjects, SameSecondTie, sameSecondTieIn, type Tx } from "../mirror";
import { projectorFor } from "../projectors";
import { deferSummaries, refreshDeferredSummaries } from "../projectors/summaries";
import { recordStripeEvent, type RecordDependencies, type RecordOptions, type RecordOutcome } from "../record";
import { idOf, type StripeObject } from "../stripe-object";
import { insertProcessedEvents, storedStatuses } from "./event-log";

/**
 * Commits a batch of deliveries in one transaction: one statement stores every new event of the
 * batch (dedupe on the key, as the single path), the advisory locks of all its projections are
 * taken up front in one sorted statement, then each event is projected in arrival order, as the
 * single path would have projected them one after another. If anything in the batch throws (a
 * same-second tie, a projection bug, a deadlock), the whole batch rolls back and each of its
 * events goes through the single path (record.ts) on its own, after the rollback: a bad event then
 * fails alone, a tie gets its fetch from Stripe, and no delivery is answered before the commit
 * that holds its event.
 *
 * On the driver transaction, statements whose answer nothing reads (most of a projection) are sent
 * without waiting and go together with the next one awaited (sql-transaction.ts's sendLater): a
 * batch waits on the database for its events' insert and for all its projections with COMMIT (on
 * PGlite, the projections: its transaction ends in-process), however many events it holds.
 */

/** A delivery whose event can join a batch (eligibility.ts): WebhookGroupCommit checks it before submitting. */
export interface GroupedDelivery {
  event: StripeEventEnvelope;
  source: EventSource;
  dependencies: RecordDependencies;
  /** How the single path treats it, should it go there (at an entry point: Stripe's work later). */
  options?: Pick<RecordOptions, "stripeWork">;
}

/** What happened to one batch, for whoever watches the pipeline (metrics, tests). */
export interface BatchReport {
  /** Events stored and projected by the batch's transaction. */
  committed: string[];
  /** Deliveries sent to the single path (not batchable, already stored unprocessed, or a rollback). */
  single: number;
  /** Why the batch's transaction rolled back, if it did. */
  rolledBack: unknown;
}

type BatchDecision = "processed" | "duplicate" | "single";

/** Each delivery's answer, settling on its own: one sent to the single path does not hold back the committed. */
export async function commitBatch(deliveries: readonly GroupedDelivery[], report?: (batch: BatchReport) => void): Promise<Promise<RecordOutcome>[]> {
  // The first delivery of each event id leads; the others of the batch follow its fate.
  const leaders = new Map<string, GroupedDelivery>();
  for (const delivery of deliveries) if (!leaders.has(delivery.event.id)) leaders.set(delivery.event.id, delivery);
  const decisions = new Map<string, BatchDecision>();
  for (const id of await needingBalanceTransactionFetch([...leaders.values()])) {
    decisions.set(id, "single");
    leaders.delete(id);
  }

  let rolledBack: unknown = null;
  const committed: string[] = [];
  if (leaders.size > 0) {
    try {
      // On the driver, not through Prisma: the batch is raw SQL throughout (mirror.ts's Tx).
      const outcome = await databaseConnection().driverTransaction((tx) => projectBatch(tx, [...leaders.values()]));
      for (const [id, decision] of outcome) {
        decisions.set(id, decision);
        if (decision === "processed") committed.push(id);
      }
    } catch (error) {
      rolledBack = sameSecondTieIn(error) ?? error;
      if (!(rolledBack instanceof SameSecondTie)) console.warn(`[webhooks] a batch of ${leaders.size} rolled back; its events go one by one:`, messageOf(error));
      for (const id of leaders.keys()) decisions.set(id, "single");
    }
  }

  const answered = new Set<string>();
  let single = 0;
  const outcomes = deliveries.map((delivery): Promise<RecordOutcome> => {
    const { event } = delivery;
    const decision = decisions.get(event.id) ?? "single";
    if (decision === "single") {
      single += 1;
      return recordStripeEvent(event, delivery.source, delivery.dependencies, delivery.options);
    }
    const first = !answered.has(event.id);
    answered.add(event.id);
    return Promise.resolve({ status: decision === "processed" && first ? "processed" : "duplicate", eventId: event.id });
  });
  report?.({ committed, single, rolledBack });
  return outcomes;
}

async function projectBatch(tx: Tx, deliveries: readonly GroupedDelivery[]): Promise<Map<string, BatchDecision>> {
  const decisions = new Map<string, BatchDecision>();
  const inserted = await insertProcessedEvents(tx, deliveries);
  const notInserted = deliveries.map((d) => d.event.id).filter((id) => !inserted.has(id));
  for (const [id, status] of await storedStatuses(tx, notInserted)) {
    // A stored event not yet processed (failed, or received by another path) is the single path's:
    // it knows how to retry one.
    decisions.set(id, status === "processed" || status === "ignored" ? "duplicate" : "single");
  }
  const projected = deliveries.filter((d) => inserted.has(d.event.id));
  // Every lock the projections below take, in one sorted statement: a projector's own lockObjects
  // then finds its locks held (they are per session), so batches touching the same objects from
  // several instances queue instead of deadlocking.
  await lockObjects(tx, projected.flatMap(({ event }) => locksTakenFor(event.data.object as StripeObject)));
  // Each touched charge's and payment's summaries once, after the batch's last event (summaries.ts).
  deferSummaries(tx);
  for (const { event } of projected) {
    const object = event.data.object as StripeObject;
    const balanceTransactions = namedBalanceTransactions(object).expanded;
    await projectorFor(object)!(tx, {
      object,
      stamp: eventCreatedAt(event),
      eventType: event.type,
      apiVersion: event.api_version ?? null,
      balanceTransactions,
    });
    await storeBalanceTransactions(tx, balanceTransactions);
    decisions.set(event.id, "processed");
  }
  await refreshDeferredSummaries(tx);
  return decisions;
}

/** The ids the projectors lock (projectors/*.ts): the object and the charge, payment and customer it names. */
function locksTakenFor(object: StripeObject): (string | null)[] {
  return [
    typeof object.id === "string" ? object.id : null,
    idOf(object, "charge"),
    idOf(object, "payment_intent"),
    idOf(object, "latest_charge"),
    idOf(object, "customer"),
  ];
}

/**
 * Events naming a balance transaction we do not hold: the single path fetches it from Stripe before
 * its transaction opens (fees.ts), which a batch must not wait for.
 */
async function needingBalanceTransactionFetch(deliveries: readonly GroupedDelivery[]): Promise<string[]> {
  const named = deliveries
    .filter((d) => d.dependencies.fetchBalanceTransaction)
    .map((d) => ({ eventId: d.event.id, ids: namedBalanceTransactions(d.event.data.object as StripeObject).ids }))
    .filter((n) => n.ids.length > 0);
  if (named.length === 0) return [];
  const rows = await db().$queryRawUnsafe<{ id: string }[]>(
    `SELECT id FROM balance_transactions WHERE id = ANY($1::text[])`,
    [...new Set(named.flatMap((n) => n.ids))],
  );
  const held = new Set(rows.map((r) => r.id));
  return named.filter((n) => n.ids.some((id) => !held.has(id))).map((n) => n.eventId);
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").slice(0, 300);
}
