// The Payouts CSV: the filtered set in the list's order, amounts as exact decimals.
import { toDecimalString } from "@/lib/money";
import { dayIn } from "@/lib/listing/days";
import type { ListExport } from "@/lib/listing/export";
import { allPayouts, payoutFiltersSchema, type PayoutFilters, type PayoutRow } from "./queries";

export const payoutsExport: ListExport<PayoutFilters, PayoutRow> = {
  name: "payouts",
  permission: "lists.export",
  schema: payoutFiltersSchema,
  header: ["id", "created_utc", "created_local_day", "arrival_date", "amount", "currency", "status", "method", "automatic", "reconciliation_status", "failure_code", "failure_message", "balance_transaction_id", "description"],
  rows: allPayouts,
  line: (p, { timeZone }) => [
    p.id, p.created.toISOString(), dayIn(p.created, timeZone), p.arrivalDate.toISOString().slice(0, 10), toDecimalString(p.amount, p.currency),
    p.currency.toUpperCase(), p.status, p.method, String(p.automatic), p.reconciliationStatus, p.failureCode, p.failureMessage,
    p.balanceTransactionId, p.description,
  ],
};
