import { TZDate } from "@date-fns/tz";
import { addDays, format, startOfDay } from "date-fns";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isStaffRole } from "@/lib/auth/roles";
import { STRIPE_API_VERSION } from "@/lib/stripe/api-version";
import { DEFAULT_TIME_ZONE, TIME_ZONE_SETTING, timeZoneSchema } from "@/lib/listing/time-zone";
import { defaultAlertDelivery } from "./defaults";
import { alertRule, draftsForEvent, type AlertDraft, type RuleEvent } from "./rules";

/**
 * Fans a rule's draft out to its recipients, inside the caller's transaction: the webhook
 * projection, the audit row of a staff change, or the reminder scan. The unique key (source, rule,
 * recipient) makes it idempotent: a duplicate, replayed or re-projected event inserts nothing, and
 * only a newly inserted alert queues a mail, so a mail is queued once per alert.
 */

type Tx = Prisma.TransactionClient;

interface Recipient {
  id: string;
  roles: string[];
  time_zone: string | null;
}

export interface RaiseSummary {
  raised: number;
  mailsQueued: number;
}

/** The alerts a Stripe event raises (none for most events), written in the projection's transaction. */
export async function raiseAlertsForEvent(tx: Tx, event: RuleEvent, now = new Date()): Promise<RaiseSummary> {
  const drafts = draftsForEvent(event);
  return drafts.length === 0 ? { raised: 0, mailsQueued: 0 } : raiseAlerts(tx, drafts, now);
}

export const utcDay = (now: Date) => now.toISOString().slice(0, 10);

/**
 * An event in another API version, told once per version per UTC day to those who manage the
 * endpoint, in the transaction that stores the event: every later one of the day inserts nothing.
 */
export async function raiseOtherVersionAlert(tx: Tx, event: { id: string; type: string; api_version?: string | null }, now = new Date()): Promise<RaiseSummary> {
  const version = event.api_version ?? "(none)";
  return raiseAlerts(tx, [{
    rule: "webhooks.other_api_version",
    sourceKey: `day:${utcDay(now)}:api_version:${version}`,
    objectType: "event",
    objectId: event.id,
    facts: { apiVersion: version, pinnedVersion: STRIPE_API_VERSION, eventId: event.id, eventType: event.type },
  }], now);
}

export async function raiseAlerts(tx: Tx, drafts: AlertDraft[], now = new Date()): Promise<RaiseSummary> {
  const summary: RaiseSummary = { raised: 0, mailsQueued: 0 };
  if (drafts.length === 0) return summary;
  const staff = await tx.$queryRawUnsafe<Recipient[]>(`SELECT id, roles::text[] AS roles, time_zone FROM staff_users WHERE disabled_at IS NULL`);
  const preferences = await tx.alertPreference.findMany({ where: { rule: { in: drafts.map((d) => d.rule) } } });
  const chosen = new Map(preferences.map((p) => [`${p.staffId}:${p.rule}`, p]));
  let merchantZone: string | null = null;

  for (const draft of drafts) {
    const rule = alertRule(draft.rule);
    const recipients = staff.filter(
      (s) => defaultAlertDelivery(s.roles.filter(isStaffRole), draft.rule).inbox || (rule.tellsSubject === true && s.id === draft.subjectStaffId),
    );
    if (recipients.length === 0) continue;
    const inserted = await tx.alert.createManyAndReturn({
      data: recipients.map((r) => ({
        recipientId: r.id, rule: draft.rule, sourceKey: draft.sourceKey, objectType: draft.objectType, objectId: draft.objectId,
        facts: draft.facts as Prisma.InputJsonObject, createdAt: now,
      })),
      skipDuplicates: true,
      select: { id: true, recipientId: true },
    });
    summary.raised += inserted.length;

    for (const alert of inserted) {
      const recipient = recipients.find((r) => r.id === alert.recipientId)!;
      const preference = chosen.get(`${recipient.id}:${draft.rule}`);
      const fallback = defaultAlertDelivery(recipient.roles.filter(isStaffRole), draft.rule);
      // The subject of a staff alert is told by email whatever their role's default: it is about them.
      const email = preference ? preference.email : fallback.email || (rule.tellsSubject === true && recipient.id === draft.subjectStaffId);
      if (!email) continue;
      let emailId: string | null = null;
      if (preference?.cadence === "digest") {
        merchantZone ??= await merchantTimeZoneIn(tx);
        emailId = await digestFor(tx, recipient.id, recipient.time_zone ?? merchantZone, now);
      }
      emailId ??= (await tx.alertEmail.create({ data: { recipientId: recipient.id, nextAttemptAt: now }, select: { id: true } })).id;
      await tx.alert.update({ where: { id: alert.id }, data: { emailId } });
      summary.mailsQueued++;
    }
  }
  return summary;
}

/**
 * The recipient's digest of the day (in their zone), sent when that day ends. Null when that
 * digest has already left, so the alert goes in a mail of its own instead of nowhere.
 */
async function digestFor(tx: Tx, recipientId: string, timeZone: string, now: Date): Promise<string | null> {
  const local = new TZDate(now, timeZone);
  const day = format(local, "yyyy-MM-dd");
  const sendAt = startOfDay(addDays(local, 1));
  const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO alert_emails (recipient_id, digest_key, next_attempt_at) VALUES ($1::uuid, $2, $3::timestamptz)
     ON CONFLICT (digest_key) DO UPDATE SET digest_key = EXCLUDED.digest_key WHERE alert_emails.status = 'pending' AND alert_emails.attempts = 0
     RETURNING id`,
    recipientId,
    `${recipientId}:${day}`,
    new Date(sendAt.getTime()),
  );
  return rows[0]?.id ?? null;
}

// Read through the transaction: on PGlite a second connection would wait for this one.
async function merchantTimeZoneIn(tx: Tx): Promise<string> {
  const row = await tx.setting.findUnique({ where: { key: TIME_ZONE_SETTING } });
  const parsed = timeZoneSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_TIME_ZONE;
}
