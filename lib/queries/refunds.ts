// The Refunds list, straight from the refunds mirror.
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ListCount } from "@/lib/listing/count";
import type { Cursor, Page } from "@/lib/listing/keyset";
import { countList, everyRow, listPage, listPageQuery, type ListContext, type ListSource } from "@/lib/listing/list-query";
import { checkDayRange, choice, currencyField, dayRangeFields, lenient } from "@/lib/listing/search-params";
import { AMOUNT_SORTS, sortField } from "@/lib/listing/sort";

export const REFUND_STATUSES = ["pending", "requires_action", "succeeded", "failed", "canceled"] as const;

/** Stripe's refund reasons (Refund.reason), as a refund made here or in the Dashboard carries them. */
export const REFUND_REASONS = ["duplicate", "fraudulent", "requested_by_customer", "expired_uncaptured_charge"] as const;

export const refundFiltersSchema = z.object({
  status: choice(REFUND_STATUSES, "refund status"),
  currency: currencyField,
  reason: choice(REFUND_REASONS, "refund reason"),
  ...dayRangeFields(),
  sort: sortField(AMOUNT_SORTS),
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

export const refundsList: ListSource<RefundFilters> = {
  from: Prisma.sql`FROM refunds`,
  columns: Prisma.sql`id, created, status, amount, currency, reason, failure_reason AS "failureReason",
    pending_reason AS "pendingReason", arn, jsonb_build_object('destination_details', data->'destination_details') AS data,
    charge_id AS "chargeId", payment_intent_id AS "paymentIntentId"`,
  where(filters) {
    const parts: Prisma.Sql[] = [];
    if (filters.status) parts.push(Prisma.sql`AND status = ${filters.status}`);
    if (filters.currency) parts.push(Prisma.sql`AND currency = ${filters.currency}`);
    if (filters.reason) parts.push(Prisma.sql`AND reason = ${filters.reason}`);
    if (filters.q) parts.push(searchCondition(filters.q));
    return parts.length ? Prisma.join(parts, " ") : Prisma.empty;
  },
};

export function refundsPageQuery(filters: RefundFilters, timeZone: string, cursor: Cursor | null, limit: number): Prisma.Sql {
  return listPageQuery(refundsList, filters, { timeZone }, cursor, limit);
}

export function listRefunds(filters: RefundFilters, options: ListContext & { cursor?: Cursor | null; limit?: number }): Promise<Page<RefundRow>> {
  return listPage<RefundRow, RefundFilters>(refundsList, filters, options);
}

export function countRefunds(filters: RefundFilters, context: ListContext, bound?: number): Promise<ListCount> {
  return countList(refundsList, filters, context, bound);
}

export function allRefunds(filters: RefundFilters, context: ListContext, batchSize?: number): AsyncGenerator<RefundRow[]> {
  return everyRow<RefundRow, RefundFilters>(refundsList, filters, context, batchSize);
}
