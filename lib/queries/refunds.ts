// The Refunds list, straight from the refunds mirror.
import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { olderThan, PAGE_SIZE, toPage, type Cursor, type Page } from "@/lib/listing/keyset";
import { checkDayRange, createdRange, currencyCode, dayRangeFields, lenient } from "@/lib/listing/search-params";

export const REFUND_STATUSES = ["pending", "requires_action", "succeeded", "failed", "canceled"] as const;

export const refundFiltersSchema = z.object({
  status: lenient(z.enum(REFUND_STATUSES)),
  currency: lenient(currencyCode),
  ...dayRangeFields(),
  q: lenient(z.string().trim().min(1).max(200)),
}).superRefine(checkDayRange);

export type RefundFilters = z.infer<typeof refundFiltersSchema>;

export interface RefundRow {
  id: string;
  created: Date;
  status: string;
  amount: bigint;
  currency: string;
  reason: string | null;
  failureReason: string | null;
  pendingReason: string | null;
  arn: string | null;
  /** Just the destination details of the Stripe object, enough for refundTrace. */
  data: { destination_details: unknown };
  chargeId: string | null;
  paymentIntentId: string | null;
}

function searchCondition(q: string): Prisma.Sql {
  if (/^re_[A-Za-z0-9]+$/.test(q)) return Prisma.sql`AND id = ${q}`;
  if (/^(ch|py)_[A-Za-z0-9]+$/.test(q)) return Prisma.sql`AND charge_id = ${q}`;
  if (/^pi_[A-Za-z0-9]+$/.test(q)) return Prisma.sql`AND payment_intent_id = ${q}`;
  return Prisma.sql`AND false`;
}

export function refundsPageQuery(filters: RefundFilters, timeZone: string, cursor: Cursor | null, limit: number): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (filters.status) parts.push(Prisma.sql`AND status = ${filters.status}`);
  if (filters.currency) parts.push(Prisma.sql`AND currency = ${filters.currency}`);
  const range = createdRange(filters.from, filters.to, timeZone);
  if (range.from) parts.push(Prisma.sql`AND created >= ${range.from.toISOString()}::timestamptz`);
  if (range.before) parts.push(Prisma.sql`AND created < ${range.before.toISOString()}::timestamptz`);
  if (filters.q) parts.push(searchCondition(filters.q));
  return Prisma.sql`SELECT id, created, status, amount, currency, reason, failure_reason AS "failureReason",
      pending_reason AS "pendingReason", arn, jsonb_build_object('destination_details', data->'destination_details') AS data,
      charge_id AS "chargeId", payment_intent_id AS "paymentIntentId"
    FROM refunds WHERE true ${parts.length ? Prisma.join(parts, " ") : Prisma.empty} ${olderThan(cursor)}
    ORDER BY created DESC, id DESC LIMIT ${limit + 1}`;
}

export async function listRefunds(
  filters: RefundFilters,
  options: { timeZone: string; cursor?: Cursor | null; limit?: number },
): Promise<Page<RefundRow>> {
  const limit = options.limit ?? PAGE_SIZE;
  const rows = await db().$queryRaw<RefundRow[]>(refundsPageQuery(filters, options.timeZone, options.cursor ?? null, limit));
  return toPage(rows, limit);
}
