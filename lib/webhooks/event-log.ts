import { z } from "zod";
import { db } from "@/lib/db";
import { STRIPE_API_VERSION } from "@/lib/stripe/api-version";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ListCount } from "@/lib/listing/count";
import type { Cursor, Page } from "@/lib/listing/keyset";
import { countList, everyRow, listPage, listPageQuery, type ListContext, type ListSource } from "@/lib/listing/list-query";
import { checkDayRange, choice, dayRangeFields, lenient } from "@/lib/listing/search-params";
import { DATE_SORTS, sortField } from "@/lib/listing/sort";
import { backfillStatus, type BackfillProgress } from "./backfill";
import { CATCH_UP_CURSOR } from "./catch-up";
import { MAX_AUTOMATIC_ATTEMPTS } from "./record";
import { readStoredEndpoint } from "./settings";

/** Read side of the event log: the Events page's list, one event, and webhook health. */

export const EVENT_STATUSES = ["received", "processed", "failed", "ignored"] as const;

export const eventFiltersSchema = z.object({
  // `charge.dispute.*` matches a family, as in Stripe's own filter.
  type: lenient(z.string().trim().regex(/^[a-z_.]+\*?$/).max(200)),
  status: choice(EVENT_STATUSES, "event status"),
  object: lenient(z.string().trim().regex(/^[A-Za-z0-9_]+$/).max(255)),
  ...dayRangeFields(),
  sort: sortField(DATE_SORTS),
}).superRefine(checkDayRange);

export type EventFilters = z.infer<typeof eventFiltersSchema>;

export interface EventRow {
  id: string;
  created: Date;
  type: string;
  status: string;
  objectId: string | null;
  objectType: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
  receivedAt: Date;
  source: string;
  /** The API version Stripe rendered the event in. */
  apiVersion: string | null;
  /** Rendered in a version other than the SDK's: projected from Stripe's copy, never from its own snapshot. */
  otherApiVersion: boolean;
}

const ROW_COLUMNS = Prisma.sql`id, created, type, status::text AS status, object_id AS "objectId", object_type AS "objectType",
  attempts, last_error AS "lastError", next_attempt_at AS "nextAttemptAt", received_at AS "receivedAt", source::text AS source,
  api_version AS "apiVersion", api_version IS DISTINCT FROM ${STRIPE_API_VERSION} AS "otherApiVersion"`;

export const eventsList: ListSource<EventFilters> = {
  from: Prisma.sql`FROM stripe_events`,
  columns: ROW_COLUMNS,
  where(filters) {
    const parts: Prisma.Sql[] = [];
    if (filters.type?.endsWith("*")) parts.push(Prisma.sql`AND type LIKE ${filters.type.slice(0, -1).replace(/_/g, "\\_") + "%"}`);
    else if (filters.type) parts.push(Prisma.sql`AND type = ${filters.type}`);
    if (filters.status) parts.push(Prisma.sql`AND status = ${filters.status}::"StripeEventStatus"`);
    // The status index holds only the other statuses (nearly every event is processed): stated as
    // a constant, so that a plan made for any parameter value may still read it.
    if (filters.status && filters.status !== "processed") parts.push(Prisma.sql`AND status <> 'processed'`);
    // Its own events and, through the timeline links, those that name it: a charge id also finds
    // its refunds' and disputes' events.
    if (filters.object) {
      parts.push(
        Prisma.sql`AND id IN (SELECT id FROM stripe_events WHERE object_id = ${filters.object}
                              UNION ALL SELECT event_id FROM stripe_event_objects WHERE object_id = ${filters.object})`,
      );
    }
    return parts.length ? Prisma.join(parts, " ") : Prisma.empty;
  },
};

export function eventsPageQuery(filters: EventFilters, timeZone: string, cursor: Cursor | null, limit: number): Prisma.Sql {
  return listPageQuery(eventsList, filters, { timeZone }, cursor, limit);
}

export function listEvents(filters: EventFilters, options: ListContext & { cursor?: Cursor | null; limit?: number }): Promise<Page<EventRow>> {
  return listPage<EventRow, EventFilters>(eventsList, filters, options);
}

export function countEvents(filters: EventFilters, context: ListContext, bound?: number): Promise<ListCount> {
  return countList(eventsList, filters, context, bound);
}

export function allEvents(filters: EventFilters, context: ListContext, batchSize?: number): AsyncGenerator<EventRow[]> {
  return everyRow<EventRow, EventFilters>(eventsList, filters, context, batchSize);
}

export interface EventDetail extends EventRow {
  payload: unknown;
  processedAt: Date | null;
  requestId: string | null;
  requestIdempotencyKey: string | null;
  objects: Array<{ objectId: string; objectType: string }>;
}

export async function getEvent(id: string): Promise<EventDetail | null> {
  if (!/^evt_[A-Za-z0-9_]+$/.test(id)) return null;
  const [event, links] = await Promise.all([
    db().stripeEvent.findUnique({ where: { id } }),
    db().stripeEventObject.findMany({ where: { eventId: id }, orderBy: { objectId: "asc" }, select: { objectId: true, objectType: true } }),
  ]);
  if (!event) return null;
  // The event's own object is on its row, the others in its links (links.ts's linksToStore).
  const own = event.objectId ? [{ objectId: event.objectId, objectType: event.objectType }] : [];
  const objects = [...own, ...links].sort((a, b) => (a.objectId < b.objectId ? -1 : a.objectId > b.objectId ? 1 : 0));
  return {
    id: event.id,
    created: event.created,
    type: event.type,
    status: event.status,
    objectId: event.objectId,
    objectType: event.objectType,
    attempts: event.attempts,
    lastError: event.lastError,
    nextAttemptAt: event.nextAttemptAt,
    receivedAt: event.receivedAt,
    source: event.source,
    apiVersion: event.apiVersion,
    otherApiVersion: event.apiVersion !== STRIPE_API_VERSION,
    payload: event.payload,
    processedAt: event.processedAt,
    requestId: event.requestId,
    requestIdempotencyKey: event.requestIdempotencyKey,
    objects,
  };
}

export interface WebhookHealth {
  lastEvent: { id: string; type: string; receivedAt: Date } | null;
  failedLast24h: number;
  rejectionsLast24h: Array<{ reason: string; count: number }>;
  /** Failed events the app no longer retries by itself, or whose retry is long overdue. */
  stuckFailed: number;
  awaitingRetry: number;
  endpoint: {
    id: string;
    url: string;
    hasSecret: boolean;
    /** The version Stripe renders its events in; null = the account's default (not ours). */
    apiVersion: string | null;
    /** The endpoint in another version it replaces, until the new one has delivered. */
    replacing: string | null;
  } | null;
  /** Events received in the last 24 h in an API version other than the SDK's. */
  otherVersionLast24h: number;
  lastCatchUp: { finishedAt: string | null; recorded: number } | null;
  backfill: BackfillProgress[];
}

export async function webhookHealth(): Promise<WebhookHealth> {
  const [last, counts, rejections, endpoint, catchUp, backfill] = await Promise.all([
    db().stripeEvent.findFirst({ where: { source: "webhook" }, orderBy: { receivedAt: "desc" }, select: { id: true, type: true, receivedAt: true } }),
    db().$queryRawUnsafe<{ failed_24h: bigint; stuck: bigint; awaiting: bigint; other_version_24h: bigint }[]>(
      `SELECT count(*) FILTER (WHERE status = 'failed' AND received_at > now() - interval '24 hours') AS failed_24h,
              count(*) FILTER (WHERE received_at > now() - interval '24 hours' AND api_version IS DISTINCT FROM $2) AS other_version_24h,
              count(*) FILTER (WHERE status = 'failed' AND (next_attempt_at IS NULL OR attempts >= $1
                                                            OR next_attempt_at < now() - interval '10 minutes')) AS stuck,
              count(*) FILTER (WHERE status = 'failed' AND next_attempt_at >= now() - interval '10 minutes' AND attempts < $1) AS awaiting
         FROM stripe_events WHERE status = 'failed' OR received_at > now() - interval '24 hours'`,
      MAX_AUTOMATIC_ATTEMPTS,
      STRIPE_API_VERSION,
    ),
    db().$queryRawUnsafe<{ reason: string; count: bigint }[]>(
      `SELECT reason, sum(count) AS count FROM webhook_rejections WHERE minute > now() - interval '24 hours' GROUP BY reason ORDER BY count DESC`,
    ),
    readStoredEndpoint(),
    db().syncCursor.findUnique({ where: { name: CATCH_UP_CURSOR } }),
    backfillStatus(),
  ]);
  const row = counts[0];
  const catchUpProgress = (catchUp?.progress ?? null) as { finishedAt?: string; recorded?: number } | null;
  return {
    lastEvent: last,
    failedLast24h: Number(row?.failed_24h ?? 0),
    stuckFailed: Number(row?.stuck ?? 0),
    awaitingRetry: Number(row?.awaiting ?? 0),
    rejectionsLast24h: rejections.map((r) => ({ reason: r.reason, count: Number(r.count) })),
    endpoint: endpoint
      ? { id: endpoint.id, url: endpoint.url, hasSecret: endpoint.secret !== null, apiVersion: endpoint.apiVersion ?? null, replacing: endpoint.replacing?.id ?? null }
      : null,
    otherVersionLast24h: Number(row?.other_version_24h ?? 0),
    lastCatchUp: catchUpProgress ? { finishedAt: catchUpProgress.finishedAt ?? null, recorded: catchUpProgress.recorded ?? 0 } : null,
    backfill,
  };
}
