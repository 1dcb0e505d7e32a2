// The one search's lookups, one statement per kind of term, each a range scan of an index made in
// the migration search (or the amount index in the schema) and capped at a few rows: a search box
// answers while a person types, it never lists everything that matches. Each is built apart from
// running it so the page benchmark can show its plan (scripts/bench-pages.ts).
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { currenciesWithExponent } from "@/lib/money";

export const PER_GROUP = 5;

export const ID_PREFIXES = {
  pi_: "payment_intents",
  ch_: "charges",
  re_: "refunds",
  po_: "payouts",
  dp_: "disputes",
  cus_: "customers",
  evt_: "stripe_events",
} as const;

export type IdPrefix = keyof typeof ID_PREFIXES;

/** A LIKE pattern for "starts with `text`", its own %, _ and \ taken literally. */
export function startsWith(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const MAX_NAME_WORDS = 5;

/** The words of `text` a name search looks for: runs of letters and digits, lowercased. */
export function nameWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_NAME_WORDS);
}

/**
 * Customers with a word of the name starting with each of `words` ("smi" finds Emma Smith; "emma
 * s" needs both), as a condition on the customers table. The words come from nameWords, letters and
 * digits only, so to_tsquery's own syntax (&, |, !, :, quotes) never comes from the person.
 */
export function nameMatches(words: string[]): Prisma.Sql {
  return Prisma.sql`to_tsvector('simple'::regconfig, coalesce(name, '')) @@ to_tsquery('simple', ${words.map((w) => `${w}:*`).join(" & ")})`;
}

/** Customers whose email starts with `prefix`, in any case, as a condition on the customers table. */
export function emailMatches(prefix: string): Prisma.Sql {
  return Prisma.sql`lower(email) LIKE ${startsWith(prefix.toLowerCase())}`;
}

/** Runs one of the statements below; null (nothing to look for) finds nothing. */
export function findRows(sql: Prisma.Sql | null): Promise<FoundRow[]> {
  return sql ? db().$queryRaw<FoundRow[]>(sql) : Promise.resolve([]);
}

export interface FoundRow {
  id: string;
  created: Date;
  amount: bigint | null;
  currency: string | null;
  status: string | null;
  /** The payment a charge, refund or dispute belongs to; a payment's customer email; a customer's name. */
  related: string | null;
  /** A customer's email; an event's type. */
  detail: string | null;
}

// What each table shows for a row, named alike so one row type serves all.
const COLUMNS: Record<(typeof ID_PREFIXES)[IdPrefix], Prisma.Sql> = {
  payment_intents: Prisma.sql`id, created, amount, currency, status, customer_email AS related, NULL AS detail`,
  charges: Prisma.sql`id, created, amount, currency, status, payment_intent_id AS related, NULL AS detail`,
  refunds: Prisma.sql`id, created, amount, currency, status, payment_intent_id AS related, NULL AS detail`,
  payouts: Prisma.sql`id, created, amount, currency, status, NULL AS related, NULL AS detail`,
  disputes: Prisma.sql`id, created, amount, currency, status, payment_intent_id AS related, NULL AS detail`,
  customers: Prisma.sql`id, created, NULL::bigint AS amount, NULL AS currency, NULL AS status, name AS related, email AS detail`,
  stripe_events: Prisma.sql`id, created, NULL::bigint AS amount, NULL AS currency, NULL AS status, NULL AS related, type AS detail`,
};

/**
 * Objects whose id starts with `prefix` (at least the type's own prefix, "pi_"). The index is on
 * lower(id), so the range is found case-insensitively and the exact, case-sensitive match is
 * checked on the few rows it returns.
 */
export function objectsByIdPrefix(type: IdPrefix, prefix: string): Prisma.Sql {
  const table = ID_PREFIXES[type];
  return Prisma.sql`
    SELECT ${COLUMNS[table]} FROM ${Prisma.raw(`"${table}"`)}
    WHERE lower(id) LIKE ${startsWith(prefix.toLowerCase())} AND id LIKE ${startsWith(prefix)}
    ORDER BY lower(id) LIMIT ${PER_GROUP}`;
}

/** Past this many matching customers, a term is common enough that walking the newest finds a page at once. */
const FEW_CUSTOMERS = 200;

/**
 * Customers by the start of any word of their name (nameMatches) or of their email, newest first.
 * PostgreSQL cannot estimate how many names a prefix matches (it guesses 2 % of the table), so
 * ordered by date it walks the newest customers for a rare term too, filtering every one: 340–790 ms
 * at 200,000 customers. So the matches are first taken unordered from the two indexes, at most
 * FEW_CUSTOMERS + 1; when that many exist the term is common and the walk from the newest is the
 * fast way, otherwise those few are sorted.
 */
export function customersByNameOrEmail(words: string[], emailPrefix: string | null): Prisma.Sql | null {
  const matches = [words.length ? nameMatches(words) : null, emailPrefix ? emailMatches(emailPrefix) : null].filter((part): part is Prisma.Sql => part !== null);
  if (matches.length === 0) return null;
  const matching = Prisma.sql`deleted = false AND (${Prisma.join(matches, " OR ")})`;
  return Prisma.sql`
    WITH candidates AS MATERIALIZED (SELECT id FROM customers WHERE ${matching} LIMIT ${FEW_CUSTOMERS + 1}),
         few AS (SELECT count(*) <= ${FEW_CUSTOMERS} AS yes FROM candidates)
    (SELECT ${COLUMNS.customers} FROM customers
      WHERE id IN (SELECT id FROM candidates) AND (SELECT yes FROM few)
      ORDER BY created DESC, id DESC LIMIT ${PER_GROUP})
    UNION ALL
    (SELECT ${COLUMNS.customers} FROM customers
      WHERE ${matching} AND NOT (SELECT yes FROM few)
      ORDER BY created DESC, id DESC LIMIT ${PER_GROUP})`;
}

/** Payments whose customer's email starts with `prefix`, in any case, newest first. */
export function paymentsByEmailPrefix(prefix: string): Prisma.Sql {
  return Prisma.sql`
    SELECT ${COLUMNS.payment_intents} FROM payment_intents
    WHERE lower(customer_email) LIKE ${startsWith(prefix.toLowerCase())}
    ORDER BY created DESC, id DESC LIMIT ${PER_GROUP}`;
}

/** Payments by the card's last four digits, newest first. */
export function paymentsByLast4(last4: string): Prisma.Sql {
  return Prisma.sql`
    SELECT ${COLUMNS.payment_intents} FROM payment_intents
    WHERE card_last4 = ${last4} ORDER BY created DESC, id DESC LIMIT ${PER_GROUP}`;
}

/**
 * Payments of exactly this amount, newest first. The same keystrokes are a different number of
 * minor units per currency exponent ("1,000" is 100000 cents but 1000 yen), so each reading is
 * matched only in the currencies it was read for.
 */
export function paymentsByAmount(readings: Array<{ exponent: 0 | 2 | 3; amount: bigint }>): Prisma.Sql | null {
  if (readings.length === 0) return null;
  const otherThanTwo = [...currenciesWithExponent(0), ...currenciesWithExponent(3)];
  const parts = readings.map(({ exponent, amount }) => {
    const currencies = exponent === 2 ? Prisma.sql`NOT (currency = ANY(${otherThanTwo}))` : Prisma.sql`currency = ANY(${currenciesWithExponent(exponent)})`;
    return Prisma.sql`(SELECT ${COLUMNS.payment_intents} FROM payment_intents
      WHERE amount = ${amount} AND ${currencies} ORDER BY created DESC, id DESC LIMIT ${PER_GROUP})`;
  });
  return Prisma.sql`SELECT * FROM (${Prisma.join(parts, " UNION ALL ")}) AS found ORDER BY created DESC, id DESC LIMIT ${PER_GROUP}`;
}
