// Counts a person reads ("1,234 characters"), grouped the viewer's way. Money is not a count:
// it goes through formatMoney in lib/money.ts.
const cache = new Map<string, Intl.NumberFormat>();

export function formatCount(value: number | bigint, locale: string): string {
  let format = cache.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    cache.set(locale, format);
  }
  return format.format(value);
}

/** A list's total: "1 refund", "834 refunds", or "More than 1,000 refunds" past the count's bound. */
export function formatListCount(count: { value: number; more: boolean }, noun: { one: string; other: string }, locale: string): string {
  const n = formatCount(count.value, locale);
  if (count.more) return `More than ${n} ${noun.other}`;
  return `${n} ${count.value === 1 ? noun.one : noun.other}`;
}

const percentCache = new Map<string, Intl.NumberFormat>();

/** A fraction as a percentage ("12.5%"), one decimal at most; "—" when there is nothing to divide by. */
export function formatPercent(fraction: number | null, locale: string): string {
  if (fraction === null || !Number.isFinite(fraction)) return "—";
  let format = percentCache.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
    percentCache.set(locale, format);
  }
  return format.format(fraction);
}

/** Hours as a person reads them: "36 h", "4.5 h"; "—" when unknown. */
export function formatHours(hours: number | null, locale: string): string {
  if (hours === null || !Number.isFinite(hours)) return "—";
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: hours < 10 ? 1 : 0 }).format(hours)} h`;
}
