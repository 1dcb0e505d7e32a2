// Payouts and their reconciliation: the balance transactions Stripe says an automatic payout paid
// out (linked by payout_id once Stripe has reconciled it), summed and checked against its amount.
// A manual payout cannot be itemised: Stripe does not know which transactions it drew on.
import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ListCount } from "@/lib/listing/count";
import { olderThan, PAGE_SIZE, toPage, type Cursor, type Page } from "@/lib/listing/keyset";
import { countList, everyRow, listPage, listPageQuery, type ListContext, type ListSource } from "@/lib/listing/list-query";
import { checkDayRange, choice, currencyField, dayRangeFields } from "@/lib/listing/search-params";
import { AMOUNT_SORTS, sortField } from "@/lib/listing/sort";

export const PAYOUT_STATUSES = ["pending", "in_transit", "paid", "failed", "canceled"] as const;

export const PAYOUT_METHODS = ["standard", "instant"] as const;

export const payoutFiltersSchema = z.object({
  status: choice(PAYOUT_STATUSES, "payout status"),
  currency: currencyField,
  method: choice(PAYOUT_METHODS, "payout method"),
  ...dayRangeFields(),
  sort: sortField(AMOUNT_SORTS),
}).superRefine(checkDayRange);

export type PayoutFilters = z.infer<typeof payoutFiltersSchema>;

export interface PayoutRow {
  id: string;
  created: Date;
  status: string;
  amount: bigint;
  currency: string;
  arrivalDate: Date;
  method: string | null;
  automatic: boolean;
  description: string | null;
  balanceTransactionId: string | null;
  failureCode: string | null;
  failureMessage: string | null;
  reconciliationStatus: string | null;
  balanceTransactionsLinkedAt: Date | null;
}

const COLUMNS = Prisma.sql`id, created, status, amount, currency, arrival_date AS "arrivalDate", method, automatic,
  description, balance_transaction_id AS "balanceTransactionId", failure_code AS "failureCode",
  failure_message AS "failureMessage", reconciliation_status AS "reconciliationStatus",
  balance_transactions_linked_at AS "balanceTransactionsLinkedAt"`;

export const payoutsList: ListSource<PayoutFilters> = {
  from: Prisma.sql`FROM payouts`,
  columns: COLUMNS,
  where(filters) {
    const parts: Prisma.Sql[] = [];
    if (filters.status) parts.push(Prisma.sql`AND status = ${filters.status}`);
    if (filters.currency) parts.push(Prisma.sql`AND currency = ${filters.currency}`);
    if (filters.method) parts.push(Prisma.sql`AND method = ${filters.method}`);
    return parts.length ? Prisma.join(parts, " ") : Prisma.empty;
  },
};

export function payoutsPageQuery(filters: PayoutFilters, timeZone: string, cursor: Cursor | null, limit: number): Prisma.Sql {
  return listPageQuery(payoutsList, filters, { timeZone }, cursor, limit);
}

/** Without a zone, a date range is read in UTC. */
export function listPayouts(filters: PayoutFilters, options: Partial<ListContext> & { cursor?: Cursor | null; limit?: number } = {}): Promise<Page<PayoutRow>> {
  return listPage<PayoutRow, PayoutFilters>(payoutsList, filters, { timeZone: "UTC", ...options });
}

export function countPayouts(filters: PayoutFilters, context: ListContext, bound?: number): Promise<ListCount> {
  return countList(payoutsList, filters, context, bound);
}

export function allPayouts(filters: PayoutFilters, context: ListContext, batchSize?: number): AsyncGenerator<PayoutRow[]> {
  return everyRow<PayoutRow, PayoutFilters>(payoutsList, filters, context, batchSize);
}

export async function findPayout(id: string): Promise<PayoutRow | null> {
  const rows = await db().$queryRaw<PayoutRow[]>`SELECT ${COLUMNS} FROM payouts WHERE id = ${id}`;
  return rows[0] ?? null;
}

/** Payouts not yet arrived, soonest first. */
export async function upcomingPayouts(limit = 5): Promise<PayoutRow[]> {
  return db().$queryRaw<PayoutRow[]>`SELECT ${COLUMNS} FROM payouts
    WHERE status IN ('pending', 'in_transit') ORDER BY arrival_date ASC, id ASC LIMIT ${limit}`;
}

export interface ReconciliationLine {
  type: string;
  count: number;
  amount: bigint;
  fee: bigint;
  net: bigint;
}

export interface Reconciliation {
  lines: ReconciliationLine[];
  count: number;
  gross: bigint;
  fees: bigint;
  net: bigint;
  /** Σ net of the transactions paid out minus the payout amount; 0 when it reconciles. */
  difference: bigint;
  /** False for a manual payout: Stripe cannot say which transactions it contains. */
  itemised: boolean;
  /** False until Stripe's list of the payout's transactions has been fetched and linked. */
  linked: boolean;
  matches: boolean;
}

/**
 * Stripe lists the payout's own transaction (type "payout", −amount) among those it paid out;
 * it is the other side of the ledger, so it is left out of the sum.
 */
export async function reconcilePayout(payout: PayoutRow): Promise<Reconciliation> {
  const lines = await db().$queryRaw<ReconciliationLine[]>`
    SELECT type, count(*)::int AS count, COALESCE(sum(amount), 0)::bigint AS amount,
           COALESCE(sum(fee), 0)::bigint AS fee, COALESCE(sum(net), 0)::bigint AS net
      FROM balance_transactions
     WHERE payout_id = ${payout.id} AND NOT (type IN ('payout', 'payout_failure', 'payout_cancel') AND source_id = ${payout.id})
     GROUP BY type ORDER BY type`;
  const total = (pick: (l: ReconciliationLine) => bigint) => lines.reduce((sum, line) => sum + BigInt(pick(line)), 0n);
  const net = total((l) => l.net);
  const difference = net - BigInt(payout.amount);
  const itemised = payout.automatic;
  const linked = itemised && (payout.balanceTransactionsLinkedAt !== null || lines.length > 0);
  return {
    itemised,
    lines,
    count: lines.reduce((n, l) => n + Number(l.count), 0),
    gross: total((l) => l.amount),
    fees: total((l) => l.fee),
    net,
    difference,
    linked,
    matches: linked && difference === 0n,
  };
}

export interface PayoutTransactionRow {
  id: string;
  created: Date;
  type: string;
  amount: bigint;
  fee: bigint;
  net: bigint;
  currency: string;
  description: string | null;
  sourceId: string | null;
  reportingCategory: string | null;
}

export async function listPayoutTransactions(payoutId: string, options: { cursor?: Cursor | null; limit?: number } = {}): Promise<Page<PayoutTransactionRow>> {
  const limit = options.limit ?? 50;
  const rows = await db().$queryRaw<PayoutTransactionRow[]>`
    SELECT id, created, type, amount, fee, net, currency, description, source_id AS "sourceId",
           reporting_category AS "reportingCategory"
      FROM balance_transactions
     WHERE payout_id = ${payoutId} ${olderThan(options.cursor ?? null)}
     ORDER BY created DESC, id DESC LIMIT ${limit + 1}`;
  return toPage(rows, limit);
}

export { PAGE_SIZE };
