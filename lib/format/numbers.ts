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
