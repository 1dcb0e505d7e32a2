// The one search (the box in the shell): one line of text is read as every kind of term it can
// be — an object id or its start, an email or its start, words of a customer's name, a card's last
// four digits, an amount in the person's own number format — and answers a few links per type.
import { readStaffAmount } from "@/lib/amounts/staff-amount";
import { disputeStatusLabel, paymentIntentStatusLabel, payoutStatusLabel, refundStatusLabel, words as codeInWords } from "@/lib/format";
import { formatMoney } from "@/lib/money";
import {
  customersByNameOrEmail,
  findRows,
  nameWords,
  objectsByIdPrefix,
  paymentsByAmount,
  paymentsByEmailPrefix,
  paymentsByLast4,
  PER_GROUP,
  type FoundRow,
  type IdPrefix,
} from "./queries";

export const MAX_SEARCH_LENGTH = 100;
/** Fewer characters than this match too many names and emails to be worth a query. */
const MIN_TEXT_LENGTH = 2;

export const SEARCH_GROUPS = ["payments", "charges", "refunds", "disputes", "payouts", "customers", "events"] as const;
export type SearchGroupType = (typeof SEARCH_GROUPS)[number];

const GROUP_LABEL: Record<SearchGroupType, string> = {
  payments: "Payments",
  charges: "Charges",
  refunds: "Refunds",
  disputes: "Disputes",
  payouts: "Payouts",
  customers: "Customers",
  events: "Events",
};

const GROUP_OF_PREFIX: Record<IdPrefix, SearchGroupType> = {
  pi_: "payments",
  ch_: "charges",
  re_: "refunds",
  po_: "payouts",
  dp_: "disputes",
  cus_: "customers",
  evt_: "events",
};

export interface SearchHit {
  id: string;
  href: string;
  title: string;
  detail: string;
}

export interface SearchGroup {
  type: SearchGroupType;
  label: string;
  hits: SearchHit[];
}

export type SearchAnswer = { ok: true; groups: SearchGroup[] } | { ok: false; error: string };

export type SearchTerm = { ok: true; text: string } | { ok: false; error: string };

/** The search box's text, or why it cannot be searched for; empty text searches for nothing. */
export function readSearchTerm(input: unknown): SearchTerm {
  if (input === null || input === undefined) return { ok: true, text: "" };
  if (typeof input !== "string") return { ok: false, error: "Search for some text." };
  if (input.length > MAX_SEARCH_LENGTH) return { ok: false, error: `Search for at most ${MAX_SEARCH_LENGTH} characters.` };
  // Control characters (a tab, a line break, NUL) are never part of an id, an email or a name.
  if (/\p{Cc}/u.test(input)) return { ok: false, error: "A search cannot contain control characters such as tabs or line breaks." };
  return { ok: true, text: input.normalize("NFKC").trim() };
}

const ID_TERM = /^(pi|ch|re|po|dp|cus|evt)_[A-Za-z0-9]*$/;
// What an amount can be written with in any supported number format (digits, separators, spaces).
const AMOUNT_TERM = /^[0-9][0-9.,'\u2019 \u00a0\u202f]*$/;

/** Everything `text` can be, searched at once: at most a few hits per type, in SEARCH_GROUPS order. */
export async function searchEverything(staff: { id: string; locale: string }, text: string): Promise<SearchAnswer> {
  const term = readSearchTerm(text);
  if (!term.ok) return term;
  const q = term.text;
  if (q === "") return { ok: true, groups: [] };

  const found: Partial<Record<SearchGroupType, FoundRow[]>> = {};
  const idMatch = ID_TERM.exec(q);
  if (idMatch) {
    const prefix = `${idMatch[1]}_` as IdPrefix;
    found[GROUP_OF_PREFIX[prefix]] = await findRows(objectsByIdPrefix(prefix, q));
  } else {
    const lookups: Array<Promise<void>> = [];
    const payments: FoundRow[][] = [];
    const oneWord = !/\s/.test(q);
    if (q.length >= MIN_TEXT_LENGTH && /\p{L}/u.test(q)) {
      const emailPrefix = oneWord ? q : null;
      lookups.push(findRows(customersByNameOrEmail(q.includes("@") ? [] : nameWords(q), emailPrefix)).then((rows) => void (found.customers = rows)));
      if (emailPrefix) lookups.push(findRows(paymentsByEmailPrefix(emailPrefix)).then((rows) => void payments.push(rows)));
    }
    if (/^\d{4}$/.test(q)) lookups.push(findRows(paymentsByLast4(q)).then((rows) => void payments.push(rows)));
    if (AMOUNT_TERM.test(q)) lookups.push(amountReadings(staff.id, q).then((readings) => findRows(paymentsByAmount(readings))).then((rows) => void payments.push(rows)));
    await Promise.all(lookups);
    if (payments.length) found.payments = newestFirstOnce(payments.flat());
  }

  const groups: SearchGroup[] = [];
  for (const type of SEARCH_GROUPS) {
    const rows = found[type];
    if (rows?.length) groups.push({ type, label: GROUP_LABEL[type], hits: rows.map((row) => hit(type, row, staff.locale)) });
  }
  return { ok: true, groups };
}

/** The amount `typed` is in each currency exponent, read as the person's number format reads it. */
async function amountReadings(staffId: string, typed: string): Promise<Array<{ exponent: 0 | 2 | 3; amount: bigint }>> {
  const readings: Array<{ exponent: 0 | 2 | 3; amount: bigint }> = [];
  // One currency stands for each exponent: the reading depends on nothing else.
  for (const [exponent, currency] of [[0, "jpy"], [2, "usd"], [3, "kwd"]] as const) {
    const read = await readStaffAmount(staffId, typed, currency);
    if (read.ok) readings.push({ exponent, amount: read.amount });
  }
  return readings;
}

function newestFirstOnce(rows: FoundRow[]): FoundRow[] {
  const seen = new Set<string>();
  return rows
    .sort((a, b) => b.created.getTime() - a.created.getTime() || (a.id < b.id ? 1 : -1))
    .filter((row) => !seen.has(row.id) && seen.add(row.id))
    .slice(0, PER_GROUP);
}

function money(row: FoundRow, locale: string): string {
  return row.amount !== null && row.currency ? formatMoney(row.amount, row.currency, locale) : "";
}

function joined(...parts: Array<string | null | undefined>): string {
  return parts.filter((part) => part).join(" · ");
}

function hit(type: SearchGroupType, row: FoundRow, locale: string): SearchHit {
  switch (type) {
    case "payments":
      return { id: row.id, href: `/payments/${row.id}`, title: joined(money(row, locale), row.related), detail: joined(paymentIntentStatusLabel(row.status), row.id) };
    case "charges":
      return {
        id: row.id,
        href: row.related ? `/payments/${row.related}` : `/events?object=${row.id}`,
        title: money(row, locale),
        detail: joined(row.status ? codeInWords(row.status) : null, row.id),
      };
    case "refunds":
      return { id: row.id, href: row.related ? `/payments/${row.related}` : "/refunds", title: money(row, locale), detail: joined(refundStatusLabel(row.status), row.id) };
    case "disputes":
      return { id: row.id, href: `/disputes/${row.id}`, title: money(row, locale), detail: joined(disputeStatusLabel(row.status), row.id) };
    case "payouts":
      return { id: row.id, href: `/payouts/${row.id}`, title: money(row, locale), detail: joined(payoutStatusLabel(row.status), row.id) };
    case "customers":
      return { id: row.id, href: `/customers/${row.id}`, title: row.related ?? row.detail ?? row.id, detail: joined(row.detail, row.id) };
    case "events":
      return { id: row.id, href: `/events/${row.id}`, title: row.detail ?? row.id, detail: row.id };
  }
}
