import { raiseAlertsForEvent, raiseOtherVersionAlert } from "@/lib/alerts/raise";
import { db } from "@/lib/db";
import { STRIPE_API_VERSION } from "@/lib/stripe/api-version";
import type { EventSource, StripeEventEnvelope } from "./event";
import { eventCreatedAt } from "./event";
import { linksToStore, primaryObject } from "./links";
import { redactClientSecrets } from "./redact";
import { SameSecondTie, type Tx } from "./mirror";
import { fetchPinnedCopy, isInOtherApiVersion } from "./other-version";
import { PAYOUT_RECONCILED_EVENTS, payoutIsItemisable, projectorFor, type ProjectionInput, type Projector } from "./projectors";
import type { StripeObject } from "./stripe-object";
import { balanceTransactionsFor, missingBalanceTransactions, storeBalanceTransactions } from "./fees";

/**
 * Stores a Stripe event and projects it into the mirrors in one transaction, so the event row and
 * its effect commit together or not at all. Dedupe rests on the primary key and a row lock, so
 * twenty deliveries of one event at once — to one instance or several — have one effect:
 *   - the first INSERT wins; the others wait on the key, then find the row and lock it;
 *   - a processed event is a no-op; a failed one is processed again (a retry is not a duplicate).
 * A projection error rolls its transaction back and the event is kept as failed, with its error
 * and a next attempt time, for the app's own retry loop (Stripe is told 200: it cannot fix a bug).
 * A snapshot of the same second as the stored one cannot be ordered from the event: the projector
 * refuses it (SameSecondTie), the transaction rolls back, the object is fetched from Stripe outside
 * any transaction and projected instead. A failed fetch keeps the event failed, for the retry loop.
 */

export type RecordOutcome =
  | { status: "processed" | "ignored" | "duplicate" | "queued"; eventId: string }
  | { status: "failed"; eventId: string; error: string };

export interface RecordDependencies {
  /** Lists the balance transactions of a reconciled automatic payout (GET /v1/balance_transactions?payout=). */
  fetchPayoutBalanceTransactions?: (payoutId: string) => Promise<StripeObject[]>;
  /**
   * Retrieves an object as Stripe holds it now (GET /v1/<objects>/:id), for an event whose snapshot
   * ties with the stored one (same second). A deleted customer comes back as `{ id, deleted: true }`.
   */
  fetchCurrentObject?: (objectType: string, id: string) => Promise<StripeObject>;
  /** Retrieves a balance transaction (GET /v1/balance_transactions/:id) a charge or refund names. */
  fetchBalanceTransaction?: (id: string) => Promise<StripeObject>;
  /** Lists a charge's refunds (GET /v1/refunds?charge=), for a charge.refunded in an older API version. */
  listChargeRefunds?: (chargeId: string) => Promise<StripeObject[]>;
}

export interface RecordOptions {
  /** Project again even if the event was processed before (a staff replay). */
  force?: boolean;
  /**
   * "later" (the webhook entry points): an event whose projection needs Stripe (a payout's balance
   * transactions, a fee, another API version's object, a same-second tie) is stored as received and
   * left to the follow-up worker (follow-up.ts), so that no delivery waits on Stripe while it holds
   * an ingest slot and a database connection. "now" (the default: retries, replays, catch-up) asks
   * Stripe before answering.
   */
  stripeWork?: "now" | "later";
}

/** After this many failed attempts an event stops being retried by itself and waits for a replay. */
export const MAX_AUTOMATIC_ATTEMPTS = 8;
const FIRST_RETRY_SECONDS = 30;
const LONGEST_RETRY_SECONDS = 6 * 60 * 60;

const TRANSACTION_OPTIONS = { maxWait: 30_000, timeout: 30_000 } as const;

class ProjectionFailed extends Error {
  constructor(readonly original: unknown) {
    super(original instanceof Error ? original.message : String(original));
  }
}

export async function recordStripeEvent(
  event: StripeEventEnvelope,
  source: EventSource,
  dependencies: RecordDependencies = {},
  options: RecordOptions = {},
): Promise<RecordOutcome> {
  const object = event.data.object as StripeObject;
  const projector = projectorFor(object);

  if (!projector) {
    const inserted = await db().$transaction(async (tx) => {
      const stored = await insertEvent(tx, event, source, "ignored");
      if (stored && isInOtherApiVersion(event)) await raiseOtherVersionAlert(tx, event);
      return stored;
    }, TRANSACTION_OPTIONS);
    return { status: inserted ? "ignored" : "duplicate", eventId: event.id };
  }

  const needsStripe = PAYOUT_RECONCILED_EVENTS.has(event.type) && typeof object.id === "string" && payoutIsItemisable(object);
  const otherVersion = isInOtherApiVersion(event);
  const later = options.stripeWork === "later";
  if (later) {
    const queued = await queueIfProjectionNeedsStripe(event, source, object, { payoutItems: needsStripe, otherVersion }, dependencies);
    if (queued) return queued;
  }
  // Before asking Stripe anything, make sure this is not a retry of an event already processed.
  if ((needsStripe || otherVersion) && !options.force) {
    const existing = await db().$queryRawUnsafe<{ status: string }[]>(`SELECT status FROM stripe_events WHERE id = $1`, event.id);
    if (existing[0]?.status === "processed") return { status: "duplicate", eventId: event.id };
  }

  // Network calls stay outside the transaction: a slow Stripe must not hold row locks.
  let payoutBalanceTransactions: StripeObject[] | undefined;
  if (needsStripe) {
    try {
      if (!dependencies.fetchPayoutBalanceTransactions) throw new Error("No Stripe client to list the payout's balance transactions");
      payoutBalanceTransactions = await dependencies.fetchPayoutBalanceTransactions(object.id as string);
    } catch (error) {
      return markFailed(event, source, `Listing the payout's balance transactions failed: ${messageOf(error)}`);
    }
  }

  let input: ProjectionInput = { object, stamp: eventCreatedAt(event), eventType: event.type, apiVersion: event.api_version ?? null, payoutBalanceTransactions };
  let related: StripeObject[] = [];
  // Timeline links come from the event's own object, or, in another version, from Stripe's copy.
  let linksFrom = object;
  if (otherVersion) {
    // Never read in another version's shape: project what Stripe holds, in the SDK's version.
    try {
      const copy = await fetchPinnedCopy(event, dependencies);
      input = { ...input, object: copy.object, apiVersion: null, refetched: true };
      related = copy.related;
      linksFrom = copy.object;
    } catch (error) {
      return markFailed(
        event,
        source,
        `The event is in API version ${event.api_version ?? "(none)"}, not ${STRIPE_API_VERSION}; fetching ${String(object.id)} from Stripe to project it failed: ${messageOf(error)}`,
      );
    }
  }
  input = { ...input, balanceTransactions: await balanceTransactionsFor(input.object, dependencies.fetchBalanceTransaction) };
  for (;;) {
    try {
      return await projectInTransaction(event, source, projector, input, options, { related, linksFrom });
    } catch (error) {
      if (error instanceof ProjectionFailed) return markFailed(event, source, messageOf(error.original));
      if (!(error instanceof SameSecondTie)) throw error; // the database failed: 5xx, Stripe retries
      if (later) return queueForFollowUp(event, source);
      // The transaction rolled back; ask Stripe outside it, then project what it holds now.
      try {
        if (!dependencies.fetchCurrentObject) throw new Error("No Stripe client to fetch it");
        const current = await dependencies.fetchCurrentObject(String(object.object), error.id);
        input = { ...input, object: current, apiVersion: null, refetched: true, balanceTransactions: await balanceTransactionsFor(current, dependencies.fetchBalanceTransaction) };
      } catch (fetchError) {
        return markFailed(
          event,
          source,
          `Fetching ${error.id} from Stripe, to order two changes of the same second, failed: ${messageOf(fetchError)}`,
        );
      }
    }
  }
}

/** The event row and its projection, committed together. */
async function projectInTransaction(
  event: StripeEventEnvelope,
  source: EventSource,
  projector: Projector,
  input: ProjectionInput,
  options: RecordOptions,
  { related, linksFrom }: { related: StripeObject[]; linksFrom: StripeObject },
): Promise<RecordOutcome> {
  return db().$transaction(async (tx) => {
    // Written as processed up front: if the projection throws, the whole transaction rolls back.
    const inserted = await insertEvent(tx, event, source, "processed", linksFrom, related);
    // Told once per version and day (raise.ts), with the event that first showed it.
    if (inserted && isInOtherApiVersion(event)) await raiseOtherVersionAlert(tx, event);
    if (!inserted) {
      const rows = await tx.$queryRawUnsafe<{ status: string }[]>(
        `SELECT status FROM stripe_events WHERE id = $1 FOR UPDATE`,
        event.id,
      );
      const status = rows[0]?.status;
      if (!options.force && (status === "processed" || status === "ignored")) {
        return { status: "duplicate", eventId: event.id } as const;
      }
    }
    try {
      await projector(tx, input);
      await storeBalanceTransactions(tx, input.balanceTransactions ?? []);
      for (const object of related) await projectorFor(object)?.(tx, { ...input, object });
      // In the same transaction: the event's effect and the alerts it raises commit together, and
      // the alerts' unique key makes a replay or re-projection raise nothing new.
      await raiseAlertsForEvent(tx, { id: event.id, type: event.type, object: input.object });
    } catch (error) {
      // A tie is not a failure: it rolls back and is answered by a fetch (recordStripeEvent).
      if (error instanceof SameSecondTie && !input.refetched) throw error;
      throw new ProjectionFailed(error);
    }
    if (!inserted) {
      await tx.$executeRawUnsafe(
        `UPDATE stripe_events SET status = 'processed', processed_at = now(), attempts = attempts + 1,
                last_error = NULL, next_attempt_at = NULL
          WHERE id = $1`,
        event.id,
      );
    }
    return { status: "processed", eventId: event.id } as const;
  }, TRANSACTION_OPTIONS);
}

type InsertedStatus = "received" | "processed" | "ignored";

/**
 * Inserts the event and its timeline links in one statement (one round trip); false when the event
 * was already stored, in which case nothing is written.
 */
async function insertEvent(
  tx: Tx,
  event: StripeEventEnvelope,
  source: EventSource,
  status: InsertedStatus,
  object: StripeObject = event.data.object as StripeObject,
  related: StripeObject[] = [],
): Promise<boolean> {
  const primary = primaryObject(object);
  // Objects projected along with it (a charge's refunds) belong on this event's timeline too.
  const links = linksToStore(object, related);
  const linkRows = links.map((_, i) => `($${i * 2 + 15}, $${i * 2 + 16})`).join(", ");
  const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
    `WITH inserted AS (
       INSERT INTO stripe_events (id, type, created, api_version, livemode, object_id, object_type, request_id,
                                  request_idempotency_key, payload, status, processed_at, attempts, source)
       VALUES ($1, $2, $3::timestamptz, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::"StripeEventStatus",
               $12::timestamptz, $13, $14::"StripeEventSource")
       ON CONFLICT (id) DO NOTHING
       RETURNING id
     )${
       links.length > 0
         ? `, linked AS (
       INSERT INTO stripe_event_objects (event_id, object_id, object_type)
       SELECT inserted.id, link.object_id, link.object_type
         FROM inserted CROSS JOIN (VALUES ${linkRows}) AS link (object_id, object_type)
     )`
         : ""
     }
     SELECT id FROM inserted`,
    event.id,
    event.type,
    eventCreatedAt(event),
    event.api_version ?? null,
    event.livemode,
    primary.id,
    primary.type,
    event.request?.id ?? null,
    event.request?.idempotency_key ?? null,
    JSON.stringify(redactClientSecrets(event)),
    status,
    status === "received" ? null : new Date(),
    status === "processed" ? 1 : 0,
    source,
    ...links.flatMap((l) => [l.objectId, l.objectType]),
  );
  return rows.length > 0;
}

/**
 * At a webhook entry point (stripeWork "later"): when projecting the event would first ask Stripe —
 * a payout's balance transactions, Stripe's copy of an object in another API version, a fee not held
 * yet — it is queued for the follow-up worker instead (outcome "queued", which the entry point
 * answers and uses to wake the worker). Undefined when it can be projected now.
 */
async function queueIfProjectionNeedsStripe(
  event: StripeEventEnvelope,
  source: EventSource,
  object: StripeObject,
  asks: { payoutItems: boolean; otherVersion: boolean },
  dependencies: RecordDependencies,
): Promise<RecordOutcome | undefined> {
  const missingFee = dependencies.fetchBalanceTransaction !== undefined && (await missingBalanceTransactions(object)).length > 0;
  if (!asks.payoutItems && !asks.otherVersion && !missingFee) return undefined;
  return queueForFollowUp(event, source);
}

/**
 * Stores the event as received, due at once, for the follow-up worker; an event already stored
 * (queued, processed, or failed and waiting for its retry) is left as it is.
 */
async function queueForFollowUp(event: StripeEventEnvelope, source: EventSource): Promise<RecordOutcome> {
  const inserted = await db().$transaction(async (tx) => {
    if (!(await insertEvent(tx, event, source, "received"))) return false;
    await tx.$executeRawUnsafe(`UPDATE stripe_events SET next_attempt_at = now() WHERE id = $1`, event.id);
    // Raised here, on first sight, as markFailed does: the follow-up finds the row already stored.
    if (isInOtherApiVersion(event)) await raiseOtherVersionAlert(tx, event);
    return true;
  }, TRANSACTION_OPTIONS);
  return { status: inserted ? "queued" : "duplicate", eventId: event.id };
}

/**
 * Keeps the event with its error and schedules the next attempt (30 s, doubling, at most 6 h; none
 * after MAX_AUTOMATIC_ATTEMPTS). Never downgrades an event another delivery processed meanwhile.
 */
async function markFailed(event: StripeEventEnvelope, source: EventSource, error: string): Promise<RecordOutcome> {
  const message = error.slice(0, 2000);
  await db().$transaction(async (tx) => {
    if ((await insertEvent(tx, event, source, "received")) && isInOtherApiVersion(event)) await raiseOtherVersionAlert(tx, event);
    await tx.$executeRawUnsafe(
      `UPDATE stripe_events SET status = 'failed', attempts = attempts + 1, last_error = $2,
              next_attempt_at = CASE WHEN attempts + 1 >= $3 THEN NULL
                                     ELSE now() + make_interval(secs => LEAST($4 * power(2, attempts), $5)) END
        WHERE id = $1 AND status <> 'processed'`,
      event.id,
      message,
      MAX_AUTOMATIC_ATTEMPTS,
      FIRST_RETRY_SECONDS,
      LONGEST_RETRY_SECONDS,
    );
  }, TRANSACTION_OPTIONS);
  return { status: "failed", eventId: event.id, error: message };
}

/** The line staff can act on: database errors arrive wrapped in several lines of driver context. */
function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error);
  const databaseMessage = /Message: `([^`]+)`/.exec(text);
  return (databaseMessage?.[1] ?? text).replace(/\s+/g, " ").trim();
}
