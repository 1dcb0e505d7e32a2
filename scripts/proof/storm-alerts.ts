// Alert mail through the storm: staff to tell, a real SMTP server (the local mailbox) that refuses
// every message with a 4xx for a window in the middle of the run and then accepts, and the count at
// the end — the alerts the rules must raise from the events Stripe lists, each mail accepted once.
import path from "node:path";
import { defaultAlertDelivery } from "@/lib/alerts/defaults";
import { startLocalMailbox, type LocalMailbox } from "@/lib/alerts/mailbox";
import { draftsForEvent } from "@/lib/alerts/rules";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { StaffRole } from "@/lib/auth/roles";
import type { Stripe } from "@/lib/stripe/client";

export interface StormMailReport {
  staff: number;
  alertsExpected: number;
  alertsRaised: number;
  /** Expected alerts not raised, and raised ones no event of Stripe's calls for. */
  alertsMissing: number;
  alertsExtra: number;
  mailsExpected: number;
  /** Distinct mails the SMTP server accepted (by Message-ID), and acceptances beyond the first of one. */
  mailsDelivered: number;
  duplicateMails: number;
  lostMails: number;
  refusals: number;
  refusingSeconds: number;
}

const STAFF: Array<{ name: string; roles: StaffRole[] }> = [
  { name: "storm-admin", roles: ["administrator"] },
  { name: "storm-agent", roles: ["support_specialist", "refund_analyst", "dispute_analyst"] },
  { name: "storm-viewer", roles: ["view_only"] },
];

export async function seedStormStaff(client: PrismaClient): Promise<Array<{ id: string; roles: StaffRole[] }>> {
  const staff: Array<{ id: string; roles: StaffRole[] }> = [];
  for (const person of STAFF) {
    const row = await client.staffUser.create({ data: { email: `${person.name}@storm.test`, name: person.name, roles: person.roles, passwordHash: "not-for-sign-in" } });
    staff.push({ id: row.id, roles: person.roles });
  }
  return staff;
}

export interface StormMailbox {
  mailbox: LocalMailbox;
  /** Acceptances per Message-ID. */
  accepted: Map<string, number>;
  /**
   * Refuses every message from now for `ms`, and on until `attempts` were refused (the sender may
   * have little to send at that moment) or five minutes passed, then accepts again.
   */
  refuseFor(ms: number, attempts?: number): Promise<void>;
  refusals(): number;
  refusingSeconds(): number;
}

export async function startStormMailbox(scratch: string): Promise<StormMailbox> {
  const accepted = new Map<string, number>();
  let refusing = false;
  let refusals = 0;
  let refusedMs = 0;
  const mailbox = await startLocalMailbox({
    dir: path.join(scratch, "mail"),
    refuse: () => {
      if (!refusing) return null;
      refusals++;
      return { code: 451, message: "4.3.0 The storm's mail server is refusing for a while: try again later" };
    },
    accepted: (id) => accepted.set(id, (accepted.get(id) ?? 0) + 1),
  });
  return {
    mailbox,
    accepted,
    refuseFor: async (ms, attempts = 10) => {
      const started = Date.now();
      const before = refusals;
      refusing = true;
      while (Date.now() - started < ms || (refusals - before < attempts && Date.now() - started < 5 * 60_000)) await new Promise((r) => setTimeout(r, 250));
      refusing = false;
      refusedMs += Date.now() - started;
    },
    refusals: () => refusals,
    refusingSeconds: () => Math.round(refusedMs / 100) / 10,
  };
}

/** What the rules must raise from Stripe's events for the storm's staff: alert keys and mails. */
export function expectedAlerts(events: Stripe.Event[], staff: Array<{ id: string; roles: StaffRole[] }>): { alerts: Set<string>; mails: number } {
  const alerts = new Set<string>();
  let mails = 0;
  for (const event of events) {
    for (const draft of draftsForEvent({ id: event.id, type: event.type, object: event.data.object as unknown as Record<string, unknown> })) {
      for (const person of staff) {
        const delivery = defaultAlertDelivery(person.roles, draft.rule);
        if (!delivery.inbox) continue;
        alerts.add(`${draft.sourceKey}|${draft.rule}|${person.id}`);
        if (delivery.email) mails++;
      }
    }
  }
  return { alerts, mails };
}

/** Waits until the SMTP server holds `mails` distinct messages and nothing more has come for a while. */
export async function drainAlertMail(box: StormMailbox, mails: number, timeoutMs: number, log: (line: string) => void): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  let quietSince = Date.now();
  for (;;) {
    const total = [...box.accepted.values()].reduce((a, b) => a + b, 0);
    if (total !== last) {
      last = total;
      quietSince = Date.now();
    }
    if (box.accepted.size >= mails && Date.now() - quietSince > 5000) return;
    if (Date.now() > deadline) {
      log(`alert mail: ${box.accepted.size} of ${mails} mails accepted when the wait ended`);
      return;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export async function alertMailOutcome(client: PrismaClient, events: Stripe.Event[], box: StormMailbox): Promise<StormMailReport> {
  const staff = await client.staffUser.findMany({ select: { id: true, roles: true } });
  const expected = expectedAlerts(events, staff.map((s) => ({ id: s.id, roles: s.roles as StaffRole[] })));
  // Event alerts only: the webhook-health and reminder scans raise alerts of their own, not from an event.
  const raised = await client.alert.findMany({ where: { sourceKey: { startsWith: "event:" } }, select: { sourceKey: true, rule: true, recipientId: true, emailId: true } });
  const raisedKeys = new Set(raised.map((a) => `${a.sourceKey}|${a.rule}|${a.recipientId}`));
  const mailIds = [...new Set(raised.flatMap((a) => (a.emailId ? [a.emailId] : [])))];
  const deliveredTimes = mailIds.map((id) => box.accepted.get(`<alert-${id}@ledgerline.invalid>`) ?? 0);
  return {
    staff: staff.length,
    alertsExpected: expected.alerts.size,
    alertsRaised: raised.length,
    alertsMissing: [...expected.alerts].filter((key) => !raisedKeys.has(key)).length,
    alertsExtra: [...raisedKeys].filter((key) => !expected.alerts.has(key)).length,
    mailsExpected: expected.mails,
    mailsDelivered: deliveredTimes.filter((n) => n > 0).length,
    duplicateMails: deliveredTimes.reduce((sum, n) => sum + Math.max(0, n - 1), 0),
    // An expected mail never queued is lost as surely as one queued and never accepted.
    lostMails: deliveredTimes.filter((n) => n === 0).length + Math.max(0, expected.mails - mailIds.length),
    refusals: box.refusals(),
    refusingSeconds: box.refusingSeconds(),
  };
}

export function formatStormMail(r: StormMailReport): string[] {
  return [
    `alerts raised ${r.alertsRaised} of ${r.alertsExpected} expected for ${r.staff} staff (missing ${r.alertsMissing}, unexpected ${r.alertsExtra})`,
    `alert mails accepted ${r.mailsDelivered} of ${r.mailsExpected} expected; duplicates ${r.duplicateMails}; lost ${r.lostMails} (SMTP refused ${r.refusals} attempts with 451 for ${r.refusingSeconds} s mid-run)`,
  ];
}
