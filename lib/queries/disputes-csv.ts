// The Disputes CSV: the filtered set in the list's order, amounts as exact decimals.
import { toDecimalString } from "@/lib/money";
import { dayIn } from "@/lib/listing/days";
import type { ListExport } from "@/lib/listing/export";
import { allDisputes, disputeFiltersSchema, type DisputeFilters, type DisputeRow } from "./disputes";

export const disputesExport: ListExport<DisputeFilters, DisputeRow> = {
  name: "disputes",
  permission: "lists.export",
  schema: disputeFiltersSchema,
  header: ["id", "created_utc", "created_local_day", "amount", "currency", "status", "reason", "due_by_utc", "has_evidence", "evidence_submissions", "charge_id", "payment_intent_id"],
  rows: allDisputes,
  line: (d, { timeZone }) => [
    d.id, d.created.toISOString(), dayIn(d.created, timeZone), toDecimalString(d.amount, d.currency), d.currency.toUpperCase(),
    d.status, d.reason, d.dueBy?.toISOString(), String(d.hasEvidence), String(d.evidenceSubmissionCount), d.chargeId, d.paymentIntentId,
  ],
};
