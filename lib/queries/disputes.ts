// The Disputes list, and the "needs a response" queue ordered by deadline.
import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { olderThan, PAGE_SIZE, toPage, type Cursor, type Page } from "@/lib/listing/keyset";
import { lenient } from "@/lib/listing/search-params";

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
  status: lenient(z.enum(DISPUTE_STATUSES)),
  reason: lenient(z.enum(DISPUTE_REASONS)),
  q: lenient(z.string().trim().min(1).max(200)),
});

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

export function disputesPageQuery(filters: DisputeFilters, cursor: Cursor | null, limit: number): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (filters.status) parts.push(Prisma.sql`AND status = ${filters.status}`);
  if (filters.reason) parts.push(Prisma.sql`AND reason = ${filters.reason}`);
  if (filters.q) parts.push(searchCondition(filters.q));
  return Prisma.sql`SELECT ${COLUMNS} FROM disputes
    WHERE true ${parts.length ? Prisma.join(parts, " ") : Prisma.empty} ${olderThan(cursor)}
    ORDER BY created DESC, id DESC LIMIT ${limit + 1}`;
}

export async function listDisputes(filters: DisputeFilters, options: { cursor?: Cursor | null; limit?: number } = {}): Promise<Page<DisputeRow>> {
  const limit = options.limit ?? PAGE_SIZE;
  const rows = await db().$queryRaw<DisputeRow[]>(disputesPageQuery(filters, options.cursor ?? null, limit));
  return toPage(rows, limit);
}

/** Disputes still waiting for evidence, the nearest deadline first (index on status, due_by). */
export async function disputesAwaitingResponse(limit = 10): Promise<DisputeRow[]> {
  return db().$queryRaw<DisputeRow[]>`SELECT ${COLUMNS} FROM disputes
    WHERE status IN ('needs_response', 'warning_needs_response')
    ORDER BY due_by ASC NULLS LAST, id ASC LIMIT ${limit}`;
}

/** Under 72 hours left is urgent (shown in red). */
export const URGENT_RESPONSE_MS = 72 * 3600 * 1000;

export function timeLeft(dueBy: Date | null, now: Date): { text: string; urgent: boolean; overdue: boolean } | null {
  if (!dueBy) return null;
  const ms = dueBy.getTime() - now.getTime();
  if (ms <= 0) return { text: "Past due", urgent: true, overdue: true };
  const hours = Math.floor(ms / 3_600_000);
  const text = hours >= 48 ? `${Math.floor(hours / 24)} days left` : hours >= 1 ? `${hours} h left` : `${Math.max(1, Math.floor(ms / 60_000))} min left`;
  return { text, urgent: ms < URGENT_RESPONSE_MS, overdue: false };
}
