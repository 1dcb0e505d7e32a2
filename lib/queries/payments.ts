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

/**
 * The customers a name or email term matches, found before the list's statement is built
 * (withSearchCustomers): their ids when they are few, or "many".
 */
export type SearchCustomers = { ids: readonly string[] } | "many";

export type PaymentFilters = z.infer<typeof paymentFiltersSchema> & {
  /** Set by the server, never read from the URL (withSearchCustomers). */
  searchCustomers?: SearchCustomers;
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
export function searchCondition(q: string, searchCustomers?: SearchCustomers): Prisma.Sql {
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
  // whose email starts with it (as the Customers page finds them). Few such customers: their ids as
  // one array, which the planner weighs by each id's payments (the customer index, or the newest
  // payments with a hashed filter). Many: a semi-join, so the planner walks the newest payments,
  // where matches are dense.
  const customers = customerMatch(q);
  if (!customers) return Prisma.sql`AND false`;
  // The semi-join alone, for a rare term, walked every payment newest first (3.9 s at a million
  // payments for one customer's email start): the planner guesses 2 % of customers for any name
  // prefix. So the statement is never built before the customers are counted.
  if (!searchCustomers) throw new Error("a name or email search needs withSearchCustomers first");
  if (searchCustomers !== "many") return Prisma.sql`AND customer_id = ANY(${searchCustomers.ids})`;
  return Prisma.sql`AND customer_id IN (SELECT id FROM customers WHERE ${customers})`;
}

/** Whether `q` is looked up as part of a customer's name or email (and so needs withSearchCustomers). */
function searchesCustomers(q: string): boolean {
  return !/^(pi|ch|py|cus)_[A-Za-z0-9]+$/.test(q) && !/^\d{4}$/.test(q) && !q.includes("@") && customerMatch(q) !== null;
}

function customerMatch(q: string): Prisma.Sql | null {
  const words = nameWords(q);
  if (q.length < 2 || words.length === 0) return null;
  return Prisma.sql`(${nameMatches(words)}${/\s/.test(q) ? Prisma.empty : Prisma.sql` OR ${emailMatches(q)}`})`;
}

/**
 * Past this many matching customers, walking the newest payments finds a page at once. Up to it,
 * their ids go to the statement: 1,111 customers (an email start such as "customer25" at a million
 * payments) whose payments were not the newest took the walk 820 ms through the semi-join, 36 ms
 * with their ids; finding 2,001 of them takes a few milliseconds on the name and email indexes.
 */
const FEW_CUSTOMERS = 2_000;

/**
 * The statement that finds the customers a name or email term matches, at most FEW_CUSTOMERS + 1,
 * or null when `q` is not such a term. PostgreSQL cannot estimate how many names a prefix matches
 * (it guesses 2 % of them), so the list's own statement cannot choose between the customer index and
 * the walk from the newest payment; counting them first can.
 */
export function searchCustomersQuery(q: string): Prisma.Sql | null {
  const customers = searchesCustomers(q) ? customerMatch(q) : null;
  return customers ? Prisma.sql`SELECT id FROM customers WHERE ${customers} LIMIT ${FEW_CUSTOMERS + 1}` : null;
}

/** The filters with the customers a name or email term matches (searchCustomers), when it is one. */
export async function withSearchCustomers(filters: PaymentFilters): Promise<PaymentFilters> {
  const query = filters.q && !filters.searchCustomers ? searchCustomersQuery(filters.q) : null;
  if (!query) return filters;
  const rows = await db().$queryRaw<{ id: string }[]>(query);
  return { ...filters, searchCustomers: rows.length > FEW_CUSTOMERS ? "many" : { ids: rows.map((r) => r.id) } };
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
  if (filters.q) parts.push(searchCondition(filters.q, filters.searchCustomers));
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
