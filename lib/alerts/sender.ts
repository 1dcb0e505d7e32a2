import { randomUUID } from "node:crypto";
import nodemailer, { type Transporter } from "nodemailer";
import { numberFormat } from "@/lib/amounts/number-formats";
import { db } from "@/lib/db";
import { appConfig } from "@/lib/env";
import { merchantTimeZone } from "@/lib/listing/time-zone";
import { mailConfig, type MailConfig } from "./mail-config";
import { renderAlertMail } from "./mail-template";
import { isAlertRuleId, type AlertFacts } from "./rules";
import { unsubscribeToken } from "./unsubscribe";

/**
 * Drains the alert outbox. Each sender leases due rows in PostgreSQL (FOR UPDATE SKIP LOCKED, then
 * a lease token and expiry), so two app instances never send the same row at once, and a sender
 * that dies mid-send leaves a lease that expires and lets another take over. Every conversation
 * with the SMTP server is recorded as an attempt. A refusal that may pass (4xx, no connection) is
 * retried with a growing delay; a refusal for good (5xx), or too many attempts, marks the mail
 * failed, which admins see at Settings → Mail.
 *
 * Once the server accepts a mail the row is marked sent and is never sent again. The one window
 * left is a crash between the server's 250 and that update: the row is then sent again when its
 * lease expires, with the same Message-ID, which the local mailbox (and most mail systems) keep once.
 */

export const MAX_MAIL_ATTEMPTS = 8;
const LEASE_MS = 5 * 60_000;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 60 * 60_000;

export interface SendSummary {
  sent: number;
  retrying: number;
  failed: number;
}

export interface SendOptions {
  now?: Date;
  batch?: number;
  config?: MailConfig;
  transport?: Transporter;
}

/** The delay before attempt n+1 after n refusals: 30 s, 1 min, 2 min … at most an hour. */
export function mailRetryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_RETRY_MS);
}

export function smtpTransport(smtpUrl: string): Transporter {
  // Well inside the lease: a hung server must not let the lease expire while we still talk to it.
  return nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000 } as never);
}

interface Claimed {
  id: string;
  attempts: number;
  recipient_id: string;
  digest_key: string | null;
}

export async function sendDueAlertMail(options: SendOptions = {}): Promise<SendSummary> {
  const summary: SendSummary = { sent: 0, retrying: 0, failed: 0 };
  const config = options.config ?? mailConfig();
  if (!config.smtpUrl && !options.transport) return summary;
  const now = options.now ?? new Date();
  const token = randomUUID();
  const claimed = await db().$queryRawUnsafe<Claimed[]>(
    `WITH due AS (
       SELECT id FROM alert_emails
        WHERE status = 'pending' AND next_attempt_at <= $1::timestamptz AND (lease_expires_at IS NULL OR lease_expires_at <= $1::timestamptz)
        ORDER BY next_attempt_at, id
        LIMIT $2
        FOR UPDATE SKIP LOCKED
     )
     UPDATE alert_emails AS e SET lease_token = $3, lease_expires_at = $4::timestamptz, attempts = e.attempts + 1
       FROM due WHERE e.id = due.id
     RETURNING e.id, e.attempts, e.recipient_id, e.digest_key`,
    now,
    options.batch ?? 20,
    token,
    new Date(now.getTime() + LEASE_MS),
  );
  if (claimed.length === 0) return summary;
  const transport = options.transport ?? smtpTransport(config.smtpUrl!);
  try {
    for (const row of claimed) {
      const outcome = await sendOne(row, token, now, config, transport);
      if (outcome) summary[outcome]++;
    }
  } finally {
    if (!options.transport) transport.close();
  }
  return summary;
}

async function sendOne(row: Claimed, token: string, now: Date, config: MailConfig, transport: Transporter): Promise<keyof SendSummary | null> {
  const recipient = await db().staffUser.findUnique({ where: { id: row.recipient_id } });
  const alerts = await db().alert.findMany({ where: { emailId: row.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const mailable = alerts.flatMap((a) => (isAlertRuleId(a.rule) ? [{ rule: a.rule, facts: a.facts as AlertFacts, createdAt: a.createdAt }] : []));
  if (!recipient || recipient.disabledAt || mailable.length === 0) {
    await db().alertEmail.updateMany({ where: { id: row.id, leaseToken: token }, data: { status: "cancelled", leaseToken: null, lastError: "No one to send it to any more, or nothing in it." } });
    return null;
  }
  const viewer = { locale: numberFormat(recipient.locale).locale, timeZone: recipient.timeZone ?? (await merchantTimeZone()) };
  const unsubscribeUrl = (rule: (typeof mailable)[number]["rule"]) =>
    `${config.appUrl}/api/alerts/unsubscribe?token=${encodeURIComponent(unsubscribeToken(config.secret, recipient.id, rule, now))}`;
  const mail = await renderAlertMail(mailable, {
    viewer, appUrl: config.appUrl, recipientName: recipient.name, merchantName: appConfig().merchantName, unsubscribeUrl, digest: row.digest_key !== null,
  });
  const messageId = `<alert-${row.id}@ledgerline.invalid>`;
  const attempt = await db().alertEmailAttempt.create({ data: { emailId: row.id, startedAt: now } });

  try {
    const info = await transport.sendMail({
      from: config.from, to: { name: recipient.name, address: recipient.email }, subject: mail.subject, html: mail.html, text: mail.text, messageId,
      headers: mail.singleRule
        ? { "List-Unsubscribe": `<${unsubscribeUrl(mail.singleRule)}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" }
        : {},
    });
    await db().$transaction([
      db().alertEmail.updateMany({
        where: { id: row.id, leaseToken: token },
        data: { status: "sent", sentAt: new Date(), subject: mail.subject, messageId, lastError: null, leaseToken: null, leaseExpiresAt: null },
      }),
      db().alertEmailAttempt.update({ where: { id: attempt.id }, data: { finishedAt: new Date(), outcome: "sent", response: String(info.response ?? "").slice(0, 500) } }),
    ]);
    return "sent";
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode;
    const response = `${code ? `${code} ` : ""}${error instanceof Error ? error.message : String(error)}`.slice(0, 500);
    const permanent = (code !== undefined && code >= 500) || row.attempts >= MAX_MAIL_ATTEMPTS;
    await db().$transaction([
      db().alertEmail.updateMany({
        where: { id: row.id, leaseToken: token },
        data: permanent
          ? { status: "failed", subject: mail.subject, lastError: response, leaseToken: null, leaseExpiresAt: null }
          : { subject: mail.subject, lastError: response, leaseToken: null, leaseExpiresAt: null, nextAttemptAt: new Date(now.getTime() + mailRetryDelayMs(row.attempts)) },
      }),
      db().alertEmailAttempt.update({ where: { id: attempt.id }, data: { finishedAt: new Date(), outcome: permanent ? "failed" : "retry", response } }),
    ]);
    return permanent ? "failed" : "retrying";
  }
}
