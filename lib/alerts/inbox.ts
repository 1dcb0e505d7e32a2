import { z } from "zod";
import { db } from "@/lib/db";
import type { ViewerFormat } from "@/lib/format";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ListCount } from "@/lib/listing/count";
import type { Cursor, Page } from "@/lib/listing/keyset";
import { countList, listCountSource, listPage, type ListContext, type ListSource } from "@/lib/listing/list-query";
import { checkDayRange, choice, dayRangeFields, readFilters, tickField } from "@/lib/listing/search-params";
import { DATE_SORTS, sortField } from "@/lib/listing/sort";
import { ALERT_RULE_IDS, alertRule, isAlertRuleId, type AlertFacts, type AlertRuleId } from "./rules";

/**
 * A person's own alerts: every query takes the reader's id and filters on it, so nobody reads or
 * marks anyone else's alerts, whatever id they send. The id never comes from the URL.
 */

export interface InboxAlert {
  id: string;
  rule: AlertRuleId;
  ruleLabel: string;
  title: string;
  lines: string[];
  href: string;
  createdAt: Date;
  read: boolean;
}

export const INBOX_PAGE_SIZE = 50;

export const inboxFilterSchema = z.object({
  rule: choice(ALERT_RULE_IDS as [AlertRuleId, ...AlertRuleId[]], "kind of alert"),
  unread: tickField("Unread only"),
  ...dayRangeFields(),
  sort: sortField(DATE_SORTS),
}).superRefine(checkDayRange);
export type InboxFilter = z.infer<typeof inboxFilterSchema>;

export async function unreadAlertCount(staffId: string): Promise<number> {
  return db().alert.count({ where: { recipientId: staffId, readAt: null } });
}

interface StoredAlert {
  id: string;
  created: Date;
  rule: string;
  facts: unknown;
  readAt: Date | null;
}

/**
 * The inbox as a list source, bound to its reader: the keyset walks the (recipient, created_at, id)
 * index, so an old page costs what the first one does. A rule removed since an alert was raised has
 * no words left; its alerts are left out here, so the count and the pages agree.
 */
function ownAlerts(staffId: string): ListSource<InboxFilter> {
  return {
    from: Prisma.sql`FROM alerts`,
    columns: Prisma.sql`id, created_at AS created, rule, facts, read_at AS "readAt"`,
    createdColumn: "created_at",
    where(filters) {
      return Prisma.sql`AND recipient_id = ${staffId}::uuid AND rule IN (${Prisma.join(ALERT_RULE_IDS)})
        ${filters.rule ? Prisma.sql`AND rule = ${filters.rule}` : Prisma.empty}
        ${filters.unread ? Prisma.sql`AND read_at IS NULL` : Prisma.empty}`;
    },
  };
}

// Alert ids are uuids: a cursor edited to hold anything else starts from the newest page, as any
// unreadable cursor does, instead of failing the uuid comparison.
const alertId = z.uuid();

/** One page of a person's alerts in the filters' order (newest first by default), in words. */
export async function listOwnAlerts(
  staffId: string,
  filters: InboxFilter,
  viewer: ViewerFormat,
  options: { cursor?: Cursor | null; limit?: number } = {},
): Promise<Page<InboxAlert>> {
  const cursor = options.cursor && alertId.safeParse(options.cursor.id).success ? options.cursor : null;
  const context: ListContext = { timeZone: viewer.timeZone, locale: viewer.locale };
  const page = await listPage<StoredAlert, InboxFilter>(ownAlerts(staffId), filters, { ...context, cursor, limit: options.limit ?? INBOX_PAGE_SIZE });
  return { next: page.next, rows: page.rows.flatMap((row) => inWords(row, viewer)) };
}

/** How many of a person's alerts the filters select, exact up to the list bound. */
export function countOwnAlerts(staffId: string, filters: InboxFilter, context: ListContext, bound?: number): Promise<ListCount> {
  return countList(ownAlerts(staffId), filters, context, bound);
}

function inWords(row: StoredAlert, viewer: ViewerFormat): InboxAlert[] {
  if (!isAlertRuleId(row.rule)) return [];
  const rule = alertRule(row.rule);
  const facts = row.facts as AlertFacts;
  return [{ id: row.id, rule: row.rule, ruleLabel: rule.label, title: rule.title(facts, viewer), lines: rule.lines(facts, viewer), href: rule.href(facts), createdAt: row.created, read: row.readAt !== null }];
}

export type InboxChange = { ok: true; message: string; changed: number } | { ok: false; error: string };

const alertIdSchema = z.object({ alertId: z.uuid({ error: "That is not an alert id. Reload the page and try again." }) });

export async function markOwnAlertRead(staffId: string, input: unknown, now = new Date()): Promise<InboxChange> {
  const parsed = alertIdSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]!.message };
  const alert = await db().alert.findFirst({ where: { id: parsed.data.alertId, recipientId: staffId }, select: { readAt: true } });
  // Someone else's alert and a missing one get the same answer: an id tells nothing about others.
  if (!alert) return { ok: false, error: "No such alert in your inbox." };
  if (alert.readAt) return { ok: true, message: "Already read.", changed: 0 };
  const { count } = await db().alert.updateMany({ where: { id: parsed.data.alertId, recipientId: staffId, readAt: null }, data: { readAt: now } });
  return { ok: true, message: "Marked as read.", changed: count };
}

/** The list's own filters travel with "Mark all read", as the URL holds them. */
const markAllSchema = z.object({ filters: z.record(z.string(), z.string()).default({}) });

/**
 * Marks read exactly the alerts the inbox lists under the same filters (kind, unread, the date range
 * in the reader's time zone): the rows come from the list's own source, so what is marked is what
 * the reader was looking at, never an alert the filters hid.
 */
export async function markAllOwnAlertsRead(staffId: string, input: unknown, context: ListContext, now = new Date()): Promise<InboxChange> {
  const parsed = markAllSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "These filters cannot be read. Reload the page and try again." };
  // The list's own schema, as the page reads the URL: a cursor or a sort in it changes nothing here.
  const reading = readFilters(inboxFilterSchema, parsed.data.filters);
  if (!reading.ok) return { ok: false, error: reading.message };
  const count = await db().$executeRaw`UPDATE alerts SET read_at = ${now}
     WHERE read_at IS NULL AND id IN (SELECT id ${listCountSource(ownAlerts(staffId), reading.filters, context)})`;
  return { ok: true, message: count === 1 ? "1 alert marked as read." : `${count} alerts marked as read.`, changed: count };
}
