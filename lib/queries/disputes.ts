// The Disputes list, and the "needs a response" queue ordered by deadline.
import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ListCount } from "@/lib/listing/count";
import type { Cursor, Page } from "@/lib/listing/keyset";
import { countList, everyRow, listPage, listPageQuery, type ListContext, type ListSource } from "@/lib/listing/list-query";
import { checkDayRange, choice, currencyField, dayRangeFields, lenient } from "@/lib/listing/search-params";
import { AMOUNT_SORTS, sortField } from "@/lib/listing/sort";

export const DISPUTE_STATUSES = [
  "needs_response",
  "warning_needs_response",
  "under_review",
  "warning_under_review",
  "won",
  "lost",
  "warning_closed",
  "prevented",
] as const;

/** Statuses in which the merchant still has to answer before `due_by`. */
export const AWAITING_RESPONSE = ["needs_response", "warning_needs_response"] as const;

export const DISPUTE_REASONS = [
  "bank_cannot_process",
  "check_returned",
  "credit_not_processed",
  "customer_initiated",
  "debit_not_authorized",
  "duplicate",
  "fraudulent",
  "general",
  "incorrect_account_details",
  "insufficient_funds",
  "noncompliant",
  "product_not_received",
  "product_unacceptable",
  "subscription_canceled",
  "unrecognized",
] as const;

export const disputeFiltersSchema = z.object({
  status: choice(DISPUTE_STATUSES, "dispute status"),
  reason: choice(DISPUTE_REASONS, "dispute reason"),
  currency: currencyField,
  ...dayRangeFields(),
  sort: sortField(AMOUNT_SORTS),
  q: lenient(z.string().trim().min(1).max(200)),
}).superRefine(checkDayRange);

export type DisputeFilters = z.infer<typeof disputeFiltersSchema>;

export interface DisputeRow {
  id: string;
  created: Date;
  status: string;
  reason: string;
  amount: bigint;
  currency: string;
  chargeId: string | null;
  paymentIntentId: string | null;
  dueBy: Date | null;
  hasEvidence: boolean;
  evidenceSubmissionCount: number;
}

const COLUMNS = Prisma.sql`id, created, status, reason, amount, currency, charge_id AS "chargeId",
  payment_intent_id AS "paymentIntentId", due_by AS "dueBy", has_evidence AS "hasEvidence",
  evidence_submission_count AS "evidenceSubmissionCount"`;

function searchCondition(q: string): Prisma.Sql {
  if (/^(dp|du)_[A-Za-z0-9]+$/.test(q)) return Prisma.sql`AND id = ${q}`;
  if (/^(ch|py)_[A-Za-z0-9]+$/.test(q)) return Prisma.sql`AND charge_id = ${q}`;
  if (/^pi_[A-Za-z0-9]+$/.test(q)) return Prisma.sql`AND payment_intent_id = ${q}`;
  return Prisma.sql`AND false`;
}

export const disputesList: ListSource<DisputeFilters> = {
  from: Prisma.sql`FROM disputes`,
  columns: COLUMNS,
  where(filters) {
    const parts: Prisma.Sql[] = [];
    if (filters.status) parts.push(Prisma.sql`AND status = ${filters.status}`);
    if (filters.reason) parts.push(Prisma.sql`AND reason = ${filters.reason}`);
    if (filters.currency) parts.push(Prisma.sql`AND currency = ${filters.currency}`);
    if (filters.q) parts.push(searchCondition(filters.q));
    return parts.length ? Prisma.join(parts, " ") : Prisma.empty;
  },
};

export function disputesPageQuery(filters: DisputeFilters, cursor: Cursor | null, limit: number, timeZone = "UTC"): Prisma.Sql {
  return listPageQuery(disputesList, filters, { timeZone }, cursor, limit);
}

/** Without a zone, a date range is read in UTC. */
export function listDisputes(filters: DisputeFilters, options: Partial<ListContext> & { cursor?: Cursor | null; limit?: number } = {}): Promise<Page<DisputeRow>> {
  return listPage<DisputeRow, DisputeFilters>(disputesList, filters, { timeZone: "UTC", ...options });
}

export function countDisputes(filters: DisputeFilters, context: ListContext, bound?: number): Promise<ListCount> {
  return countList(disputesList, filters, context, bound);
}

export function allDisputes(filters: DisputeFilters, context: ListContext, batchSize?: number): AsyncGenerator<DisputeRow[]> {
  return everyRow<DisputeRow, DisputeFilters>(disputesList, filters, context, batchSize);
}

/** Disputes still waiting for evidence, the nearest deadline first (index on status, due_by). */
export async function disputesAwaitingResponse(limit = 10): Promise<DisputeRow[]> {
  return db().$queryRaw<DisputeRow[]>`SELECT ${COLUMNS} FROM disputes
    WHERE status IN ('needs_response', 'warning_needs_response')
    ORDER BY due_by ASC NULLS LAST, id ASC LIMIT ${limit}`;
}
