// The Payments CSV: the filtered set, streamed a thousand rows at a time so a million-row export
// never sits in memory. Amounts are exact decimals in the currency's own units.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { toDecimalString } from "@/lib/money";
import { dayIn } from "@/lib/listing/days";
import { allPayments, type PaymentFilters, type PaymentRow } from "./payments";
import { paymentBadges } from "./payment-status";

const HEADER = ["id", "created_utc", "created_local_day", "amount", "amount_refunded", "currency", "status", "labels", "customer_id", "customer_email", "card_brand", "card_last4", "charge_id", "decline_code", "description"];

/**
 * Where a spreadsheet finds a formula: = + - @ (or their fullwidth forms, which some convert) at the
 * start of the cell or of any line in it, behind spaces or quotes it skips; a leading tab or CR too.
 */
const FORMULA_START = /(^|[\r\n])([\s"']*)(?=[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])|^(?=[\t\r])/g;

/**
 * RFC 4180 quoting, with every place a spreadsheet would read as a formula defused by a leading
 * apostrophe, so a customer's name or a description cannot run in the merchant's spreadsheet.
 */
export function csvField(value: string | null | undefined): string {
  if (value === null || value === undefined) return "";
  const safe = value.replace(FORMULA_START, (_match, lineStart: string | undefined, padding: string | undefined) => `${lineStart ?? ""}'${padding ?? ""}`);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function paymentCsvLine(p: PaymentRow, timeZone: string): string {
  return [
    p.id,
    p.created.toISOString(),
    dayIn(p.created, timeZone),
    toDecimalString(p.amount, p.currency),
    toDecimalString(p.amountRefunded, p.currency),
    p.currency.toUpperCase(),
    p.status,
    paymentBadges(p).join(" "),
    p.customerId,
    p.customerEmail,
    p.cardBrand,
    p.cardLast4,
    p.latestChargeId,
    p.lastPaymentErrorDeclineCode ?? p.lastPaymentErrorCode,
    p.description,
  ].map(csvField).join(",");
}

export async function* paymentsCsv(filters: PaymentFilters, timeZone: string, locale?: string): AsyncGenerator<string> {
  yield `${HEADER.join(",")}\r\n`;
  for await (const batch of allPayments(filters, timeZone, undefined, locale)) {
    yield batch.map((p) => `${paymentCsvLine(p, timeZone)}\r\n`).join("");
  }
}

/** A byte stream of the CSV that reads the next batch only when the client has taken the last. */
export function paymentsCsvStream(filters: PaymentFilters, timeZone: string, locale?: string): ReadableStream<Uint8Array> {
  const lines = paymentsCsv(filters, timeZone, locale);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
}

export const PAYMENTS_EXPORT = "payments.export";

/**
 * An export hands customers' emails and card details to a file outside our control: who took which
 * set, and when, goes to the audit log before the first row is streamed.
 */
export async function recordPaymentsExport(actorId: string, filters: PaymentFilters): Promise<void> {
  const params = JSON.parse(JSON.stringify(filters)) as Record<string, string>;
  await db().staffAction.create({
    data: {
      actorId, kind: PAYMENTS_EXPORT, objectType: "payments", params, idempotencyKey: randomUUID(),
      status: "succeeded", outcome: {}, completedAt: new Date(),
    },
  });
}
