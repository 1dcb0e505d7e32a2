// The Refunds CSV: the filtered set in the list's order, amounts as exact decimals.
import { toDecimalString } from "@/lib/money";
import { dayIn } from "@/lib/listing/days";
import type { ListExport } from "@/lib/listing/export";
import { allRefunds, refundFiltersSchema, type RefundFilters, type RefundRow } from "./refunds";

export const refundsExport: ListExport<RefundFilters, RefundRow> = {
  name: "refunds",
  permission: "lists.export",
  schema: refundFiltersSchema,
  header: ["id", "created_utc", "created_local_day", "amount", "currency", "status", "reason", "failure_reason", "pending_reason", "charge_id", "payment_intent_id", "arn"],
  rows: allRefunds,
  line: (r, { timeZone }) => [
    r.id, r.created.toISOString(), dayIn(r.created, timeZone), toDecimalString(r.amount, r.currency), r.currency.toUpperCase(),
    r.status, r.reason, r.failureReason, r.pendingReason, r.chargeId, r.paymentIntentId, r.arn,
  ],
};
