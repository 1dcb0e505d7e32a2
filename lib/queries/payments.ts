// The Payments list: one row per PaymentIntent, read from payment_intents alone (the projectors
// copy card, customer email and refund/dispute flags onto it), so no page needs a join.
import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Cursor, Page } from "@/lib/listing/keyset";
import { DEFAULT_LOCALE } from "@/lib/amounts/number-formats";
import { countList, everyRow, listPage, listPageQuery, type ListSource } from "@/lib/listing/list-query";
import type { ListCount } from "@/lib/listing/count";
import { amountInMinorUnits, checkDayRange, choice, currencyField, dayRangeFields, lenient } from "@/lib/listing/search-params";
import { AMOUNT_SORTS, sortField } from "@/lib/listing/sort";
import { emailMatches, nameMatches, nameWords, startsWith } from "@/lib/search/queries";
import { PAYMENT_FILTER_STATUSES, type PaymentFilterStatus } from "./payment-status";

export const paymentFiltersSchema = z.object({
  status: choice(PAYMENT_FILTER_STATUSES, "payment status"),
  currency: currencyField,
  ...dayRangeFields(),
  sort: sortField(AMOUNT_SORTS),
  min: lenient(z.string().max(20)),
  max: lenient(z.string().max(20)),
  q: lenient(z.string().trim().min(1).max(200)),
}).superRefine(checkDayRange);

export type PaymentFilters = z.infer<typeof paymentFiltersSchema> & {
  /** Set by the server, never read from the URL: the few customers a name or email term matches (customerIdsForSearch). */
  searchCustomerIds?: string[];
};

export interface PaymentRow {
  id: string;
  created: Date;
  status: string;
  amount: bigint;
  amountReceived: bigint;
  amountRefunded: bigint;
  currency: string;
  description: string | null;
  customerId: string | null;
  customerEmail: string | null;
  cardBrand: string | null;
  cardLast4: string | null;
  latestChargeId: string | null;
  lastPaymentErrorCode: string | null;
  lastPaymentErrorDeclineCode: string | null;
  lastPaymentErrorMessage: string | null;
  disputed: boolean;
  hasEarlyFraudWarning: boolean;
}

const COLUMNS = Prisma.sql`id, created, status, amount, amount_received AS "amountReceived", amount_refunded AS "amountRefunded",
  currency, description, customer_id AS "customerId", customer_email AS "customerEmail", card_brand AS "cardBrand",
  card_last4 AS "cardLast4", latest_charge_id AS "latestChargeId", last_payment_error_code AS "lastPaymentErrorCode",
  last_payment_error_decline_code AS "lastPaymentErrorDeclineCode", last_payment_error_message AS "lastPaymentErrorMessage",
  disputed, has_early_fraud_warning AS "hasEarlyFraudWarning"`;

function statusCondition(status: PaymentFilterStatus): Prisma.Sql {
  switch (status) {
    case "succeeded":
      return Prisma.sql`AND status = 'succeeded'`;
    case "failed":
      return Prisma.sql`AND status = 'requires_payment_method' AND last_payment_error_code IS NOT NULL`;
    case "incomplete":
      return Prisma.sql`AND status = 'requires_payment_method' AND last_payment_error_code IS NULL`;
    case "needs_authentication":
      return Prisma.sql`AND status = 'requires_action'`;
    case "canceled":
      return Prisma.sql`AND status = 'canceled'`;
    case "refunded":
      return Prisma.sql`AND status = 'succeeded' AND amount_refunded > 0 AND amount_refunded >= amount_received`;
    case "partially_refunded":
      return Prisma.sql`AND status = 'succeeded' AND amount_refunded > 0 AND amount_refunded < amount_received`;
    case "disputed":
      return Prisma.sql`AND disputed`;
    case "early_fraud_warning":
      return Prisma.sql`AND has_early_fraud_warning`;
  }
}

/** What the search box understands; anything else matches nothing rather than scanning the table. */
export function searchCondition(q: string, customerIds?: readonly string[]): Prisma.Sql {
  if (/^pi_[A-Za-z0-9]+$/.test(q)) return Prisma.sql`AND id = ${q}`;
  if (/^(ch|py)_[A-Za-z0-9]+$/.test(q)) {
    // Resolved once to a single payment id, so the planner takes the primary key; an OR of the two
    // lookups made it walk the whole created index instead (0.9 s at a million payments).
    return Prisma.sql`AND id = (SELECT COALESCE((SELECT payment_intent_id FROM charges WHERE id = ${q}),
      (SELECT id FROM payment_intents WHERE latest_charge_id = ${q} ORDER BY created DESC LIMIT 1)))`;
  }
  if (/^cus_[A-Za-z0-9]+$/.test(q)) return Prisma.sql`AND customer_id = ${q}`;
  if (/^\d{4}$/.test(q)) return Prisma.sql`AND card_last4 = ${q}`;
  if (q.includes("@")) return Prisma.sql`AND lower(customer_email) LIKE ${startsWith(q.toLowerCase())}`;
  // Part of a name or email: the payments of customers whose name has a word starting with it, or
  // whose email starts with it (as the Customers page finds them). Few such customers, listed by
  // customerIdsForSearch: their payments by the customer index. Many: a semi-join, so the planner
  // walks the newest payments, where matches are dense.
  const customers = customerMatch(q);
  if (!customers) return Prisma.sql`AND false`;
  if (customerIds) return Prisma.sql`AND customer_id = ANY(${customerIds})`;
  return Prisma.sql`AND customer_id IN (SELECT id FROM customers WHERE ${customers})`;
}

function customerMatch(q: string): Prisma.Sql | null {
  const words = nameWords(q);
  if (q.length < 2 || words.length === 0) return null;
  return Prisma.sql`(${nameMatches(words)}${/\s/.test(q) ? Prisma.empty : Prisma.sql` OR ${emailMatches(q)}`})`;
}

/** Past this many matching customers, walking the newest payments finds a page at once. */
const FEW_CUSTOMERS = 200;

/**
 * The filters with the customers a name or email term matches, when they are few. PostgreSQL
 * cannot estimate how many names a prefix matches (it guesses 2 % of them), so with the semi-join
 * alone it walked every payment, newest first, for a rare name: 6 s at a million payments.
 */
export async function withSearchCustomers(filters: PaymentFilters): Promise<PaymentFilters> {
  const q = filters.q;
  if (!q || /^(pi|ch|py|cus)_/.test(q) || /^\d{4}$/.test(q) || q.includes("@")) return filters;
  const customers = customerMatch(q);
  if (!customers) return filters;
  const rows = await db().$queryRaw<{ id: string }[]>(Prisma.sql`SELECT id FROM customers WHERE ${customers} LIMIT ${FEW_CUSTOMERS + 1}`);
  return rows.length > FEW_CUSTOMERS ? filters : { ...filters, searchCustomerIds: rows.map((r) => r.id) };
}

export function describeSearch(q: string): string {
  if (/^pi_/.test(q)) return "payment id";
  if (/^(ch|py)_/.test(q)) return "charge id";
  if (/^cus_/.test(q)) return "customer id";
  if (/^\d{4}$/.test(q)) return "last 4 digits";
  if (q.includes("@")) return "customer email";
  if (q.length >= 2 && nameWords(q).length > 0) return "customer name or email";
  return "unrecognised";
}

/** `locale` is the viewer's number format, in which the amount filters were typed. */
function paymentConditions(filters: PaymentFilters, locale = DEFAULT_LOCALE): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (filters.status) parts.push(statusCondition(filters.status));
  if (filters.currency) parts.push(Prisma.sql`AND currency = ${filters.currency}`);
  // Amounts only mean something in one currency (¥1,000 is not $1,000).
  const min = amountInMinorUnits(filters.min, filters.currency, locale);
  const max = amountInMinorUnits(filters.max, filters.currency, locale);
  if (min !== undefined) parts.push(Prisma.sql`AND amount >= ${min}`);
  if (max !== undefined) parts.push(Prisma.sql`AND amount <= ${max}`);
  if (filters.q) parts.push(searchCondition(filters.q, filters.searchCustomerIds));
  return parts.length ? Prisma.join(parts, " ") : Prisma.empty;
}

export const paymentsList: ListSource<PaymentFilters> = {
  from: Prisma.sql`FROM payment_intents`,
  columns: COLUMNS,
  where: (filters, context) => paymentConditions(filters, context.locale),
};

export function paymentsPageQuery(filters: PaymentFilters, timeZone: string, cursor: Cursor | null, limit: number, locale = DEFAULT_LOCALE): Prisma.Sql {
  return listPageQuery(paymentsList, filters, { timeZone, locale }, cursor, limit);
}

export async function listPayments(
  filters: PaymentFilters,
  options: { timeZone: string; locale?: string; cursor?: Cursor | null; limit?: number },
): Promise<Page<PaymentRow>> {
  return listPage<PaymentRow, PaymentFilters>(paymentsList, await withSearchCustomers(filters), options);
}

export async function countPayments(filters: PaymentFilters, options: { timeZone: string; locale?: string }, bound?: number): Promise<ListCount> {
  return countList(paymentsList, await withSearchCustomers(filters), options, bound);
}

/** Every payment matching the filters in the list's order, fetched a batch at a time (for CSV). */
export async function* allPayments(filters: PaymentFilters, timeZone: string, batchSize = 1000, locale = DEFAULT_LOCALE): AsyncGenerator<PaymentRow[]> {
  yield* everyRow<PaymentRow, PaymentFilters>(paymentsList, await withSearchCustomers(filters), { timeZone, locale }, batchSize);
}
