import type { EventSource, StripeEventEnvelope } from "../event";
import { eventCreatedAt } from "../event";
import { linksToStore, primaryObject } from "../links";
import type { Tx } from "../mirror";
import { redactClientSecrets } from "../redact";
import type { StripeObject } from "../stripe-object";

export interface LoggedDelivery {
  event: StripeEventEnvelope;
  source: EventSource;
}

/**
 * Stores a batch's events as processed, with their timeline links, in one statement: the events
 * already stored (by an earlier batch, another instance, or the single path) are left as they are
 * and not returned. The same columns as record.ts's insert of one event; every value travels as a
 * text array, cast in SQL, so the statement reads the same through any driver.
 */
export async function insertProcessedEvents(tx: Tx, deliveries: readonly LoggedDelivery[]): Promise<Set<string>> {
  if (deliveries.length === 0) return new Set();
  const links = deliveries.flatMap(({ event }) =>
    linksToStore(event.data.object as StripeObject).map((link) => [event.id, link.objectId, link.objectType]),
  );
  const column = (read: (delivery: LoggedDelivery) => string | null) => deliveries.map(read);
  const primaries = deliveries.map(({ event }) => primaryObject(event.data.object as StripeObject));
  const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
    `WITH arriving AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                            $8::text[], $9::text[], $10::text[], $11::text[])
         AS e (id, type, created, api_version, livemode, object_id, object_type, request_id,
               request_idempotency_key, payload, source)
     ), inserted AS (
       INSERT INTO stripe_events (id, type, created, api_version, livemode, object_id, object_type, request_id,
                                  request_idempotency_key, payload, status, processed_at, attempts, source)
       SELECT id, type, created::timestamptz, api_version, livemode::boolean, object_id, object_type, request_id,
              request_idempotency_key, payload::jsonb, 'processed', now(), 1, source::"StripeEventSource"
         FROM arriving
        -- Keys are taken in id order, so two batches holding some of the same events (one delivery
        -- to each of two instances) queue on the first shared key instead of deadlocking on two.
        ORDER BY id
       ON CONFLICT (id) DO NOTHING
       RETURNING id
     ), linked AS (
       -- Only the links of events inserted here, which no other statement links: no conflict to await.
       INSERT INTO stripe_event_objects (event_id, object_id, object_type)
       SELECT DISTINCT ON (link.event_id, link.object_id) inserted.id, link.object_id, link.object_type
         FROM unnest($12::text[], $13::text[], $14::text[]) AS link (event_id, object_id, object_type)
         JOIN inserted ON inserted.id = link.event_id
     )
     SELECT id FROM inserted`,
    column(({ event }) => event.id),
    column(({ event }) => event.type),
    column(({ event }) => eventCreatedAt(event).toISOString()),
    column(({ event }) => event.api_version ?? null),
    column(({ event }) => String(event.livemode)),
    primaries.map((primary) => primary.id),
    primaries.map((primary) => primary.type),
    column(({ event }) => event.request?.id ?? null),
    column(({ event }) => event.request?.idempotency_key ?? null),
    column(({ event }) => JSON.stringify(redactClientSecrets(event))),
    column(({ source }) => source),
    links.map((l) => l[0]!),
    links.map((l) => l[1]!),
    links.map((l) => l[2]!),
  );
  return new Set(rows.map((r) => r.id));
}

/** The stored status of events the batch did not insert. */
export async function storedStatuses(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.$queryRawUnsafe<{ id: string; status: string }[]>(
    `SELECT id, status::text AS status FROM stripe_events WHERE id = ANY($1::text[])`,
    ids,
  );
  return new Map(rows.map((r) => [r.id, r.status]));
}
