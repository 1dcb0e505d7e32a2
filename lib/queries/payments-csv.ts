// The Payments CSV: the filtered set in the list's order. Amounts are exact decimals in the
// currency's own units.
import { toDecimalString } from "@/lib/money";
import { dayIn } from "@/lib/listing/days";
import { csvLine, csvStream } from "@/lib/listing/csv";
import { DEFAULT_LOCALE } from "@/lib/amounts/number-formats";
import { exportCsv, type ListExport } from "@/lib/listing/export";
import { amountFilterProblem } from "@/lib/listing/search-params";
import { allPayments, paymentFiltersSchema, type PaymentFilters, type PaymentRow } from "./payments";
import { paymentBadges } from "./payment-status";

export { csvField } from "@/lib/listing/csv";

function paymentCells(p: PaymentRow, timeZone: string): Array<string | null> {
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
  ];
}

export const paymentsExport: ListExport<PaymentFilters, PaymentRow> = {
  name: "payments",
  permission: "payments.export",
  schema: paymentFiltersSchema,
  header: ["id", "created_utc", "created_local_day", "amount", "amount_refunded", "currency", "status", "labels", "customer_id", "customer_email", "card_brand", "card_last4", "charge_id", "decline_code", "description"],
  rows: (filters, context) => allPayments(filters, context.timeZone, undefined, context.locale),
  line: (p, context) => paymentCells(p, context.timeZone),
  // The page leaves an unreadable amount unapplied and says so; a file cannot, so it is refused.
  problem(filters, context) {
    if ((filters.min || filters.max) && !filters.currency) return "Choose a currency to filter by amount: ¥1,000 and $1,000 are not the same amount.";
    for (const [label, text] of [["Min amount", filters.min], ["Max amount", filters.max]] as const) {
      const problem = amountFilterProblem(text, filters.currency, context.locale ?? DEFAULT_LOCALE);
      if (problem) return `${label}: ${problem}`;
    }
    return null;
  },
};

export function paymentCsvLine(p: PaymentRow, timeZone: string): string {
  return csvLine(paymentCells(p, timeZone)).slice(0, -2);
}

export function paymentsCsv(filters: PaymentFilters, timeZone: string, locale?: string): AsyncGenerator<string> {
  return exportCsv(paymentsExport, filters, { timeZone, locale });
}

export function paymentsCsvStream(filters: PaymentFilters, timeZone: string, locale?: string): ReadableStream<Uint8Array> {
  return csvStream(paymentsCsv(filters, timeZone, locale));
}
