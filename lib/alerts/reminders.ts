import { db } from "@/lib/db";
import { raiseAlerts } from "./raise";
import type { AlertDraft } from "./rules";

/**
 * The scheduled scan behind "dispute evidence due soon": no webhook announces that a deadline is
 * near, so the app looks. A dispute still waiting for evidence (Stripe's needs_response or
 * warning_needs_response: submitting moves it to under review) gets one reminder 72 hours before
 * its due_by and one 24 hours before. Each reminder's source is its schedule slot (dispute,
 * deadline, hours before), so any number of scans, on any number of instances, raise it once; a
 * deadline that moves gets reminders of its own. A dispute first seen inside 24 hours gets the
 * 24-hour reminder only.
 */

export const REMINDER_HOURS = [72, 24] as const;
const HOUR_MS = 60 * 60 * 1000;

interface WaitingDispute {
  id: string;
  amount: bigint;
  currency: string;
  reason: string;
  status: string;
  due_by: Date;
  payment_intent_id: string | null;
}

export function reminderSlot(dueBy: Date, now: Date): (typeof REMINDER_HOURS)[number] | null {
  const left = dueBy.getTime() - now.getTime();
  if (left <= 0) return null;
  const due = REMINDER_HOURS.filter((hours) => left <= hours * HOUR_MS);
  return due.length > 0 ? due[due.length - 1]! : null;
}

/** Raises the reminders due at `now` (the emulator's clock in tests); returns how many alerts it raised. */
export async function scanDisputeReminders(now = new Date()): Promise<number> {
  const waiting = await db().$queryRawUnsafe<WaitingDispute[]>(
    `SELECT id, amount, currency, reason, status, due_by, payment_intent_id FROM disputes
      WHERE status IN ('needs_response', 'warning_needs_response')
        AND due_by > $1::timestamptz AND due_by <= $2::timestamptz
      ORDER BY due_by, id`,
    now,
    new Date(now.getTime() + REMINDER_HOURS[0] * HOUR_MS),
  );
  let raised = 0;
  for (const dispute of waiting) {
    const hours = reminderSlot(dispute.due_by, now);
    if (!hours) continue;
    const draft: AlertDraft = {
      rule: "dispute.evidence_due",
      sourceKey: `schedule:dispute:${dispute.id}:${dispute.due_by.toISOString()}:${hours}h`,
      objectType: "dispute",
      objectId: dispute.id,
      facts: {
        disputeId: dispute.id, amount: Number(dispute.amount), currency: dispute.currency, reason: dispute.reason, status: dispute.status,
        dueBy: dispute.due_by.toISOString(), hoursBefore: hours, paymentIntentId: dispute.payment_intent_id,
      },
    };
    raised += (await db().$transaction((tx) => raiseAlerts(tx, [draft], now))).raised;
  }
  return raised;
}
