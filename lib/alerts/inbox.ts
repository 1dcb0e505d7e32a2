import { z } from "zod";
import { db } from "@/lib/db";
import type { ViewerFormat } from "@/lib/format";
import { toPage, type Cursor, type Page } from "@/lib/listing/keyset";
import { ALERT_RULE_IDS, alertRule, isAlertRuleId, type AlertFacts, type AlertRuleId } from "./rules";

/**
 * A person's own alerts: every query takes the reader's id and filters on it, so nobody reads or
 * marks anyone else's alerts, whatever id they send.
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
  rule: z.enum(ALERT_RULE_IDS as [AlertRuleId, ...AlertRuleId[]]).optional().catch(undefined),
  unread: z.literal("1").optional().catch(undefined),
});
export type InboxFilter = z.infer<typeof inboxFilterSchema>;

export async function unreadAlertCount(staffId: string): Promise<number> {
  return db().alert.count({ where: { recipientId: staffId, readAt: null } });
}

/**
 * One page of a person's alerts, newest first: keyset on (created_at, id) like the other lists
 * (lib/listing/keyset.ts), walking the (recipient, created_at, id) index, so an old page costs
 * what the first one does. A rule removed since an alert was raised has no words left: its alerts
 * are skipped, and the page may be shorter.
 */
export async function listOwnAlerts(staffId: string, filter: InboxFilter, viewer: ViewerFormat, cursor: Cursor | null = null, pageSize = INBOX_PAGE_SIZE): Promise<Page<InboxAlert>> {
  const rows = await db().alert.findMany({
    where: {
      recipientId: staffId,
      ...(filter.rule ? { rule: filter.rule } : {}),
      ...(filter.unread ? { readAt: null } : {}),
      ...(cursor ? { OR: [{ createdAt: { lt: cursor.created } }, { createdAt: cursor.created, id: { lt: cursor.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: pageSize + 1,
  });
  const page = toPage(rows.map((row) => ({ ...row, created: row.createdAt })), pageSize);
  return {
    next: page.next,
    rows: page.rows.flatMap((row) => {
      if (!isAlertRuleId(row.rule)) return [];
      const rule = alertRule(row.rule);
      const facts = row.facts as AlertFacts;
      return [{ id: row.id, rule: row.rule, ruleLabel: rule.label, title: rule.title(facts, viewer), lines: rule.lines(facts, viewer), href: rule.href(facts), createdAt: row.createdAt, read: row.readAt !== null }];
    }),
  };
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

const markAllSchema = z.object({ rule: z.string().optional() });

export async function markAllOwnAlertsRead(staffId: string, input: unknown, now = new Date()): Promise<InboxChange> {
  const parsed = markAllSchema.safeParse(input);
  const rule = parsed.success ? parsed.data.rule || undefined : undefined;
  if (!parsed.success || (rule !== undefined && !isAlertRuleId(rule))) return { ok: false, error: "No such kind of alert." };
  const { count } = await db().alert.updateMany({ where: { recipientId: staffId, readAt: null, ...(rule ? { rule } : {}) }, data: { readAt: now } });
  return { ok: true, message: count === 1 ? "1 alert marked as read." : `${count} alerts marked as read.`, changed: count };
}
