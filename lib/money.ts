import { formatPattern, numberFormat } from "@/lib/amounts/number-formats";
import { MAX_TYPED_LENGTH, readDecimal } from "@/lib/amounts/read-decimal";

// The one place money is parsed and formatted. Amounts are integers in the currency's minor unit as
// Stripe counts them; the exponent differs per currency (JPY 0, USD 2, KWD 3) and a few currencies are
// counted by Stripe in hundredths although it is shown whole (ISK).

const ZERO_DECIMAL = new Set(["bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"]);
const THREE_DECIMAL = new Set(["bhd", "jod", "kwd", "omr", "tnd"]);
// Stripe takes ISK with two decimals that must be zero (the amount divisible by 100). UGX is on
// Stripe's zero-decimal list (docs.stripe.com/currencies#zero-decimal) and is counted whole.
const TWO_DECIMAL_SHOWN_WHOLE = new Set(["isk"]);

export type MinorUnits = number | bigint;

/** How many digits of an API amount are the fraction: 10^exponent minor units make one major unit. */
export function currencyExponent(currency: string): number {
  const code = currency.toLowerCase();
  if (ZERO_DECIMAL.has(code)) return 0;
  if (THREE_DECIMAL.has(code)) return 3;
  return 2;
}

/** The currencies Stripe counts in whole units (0) or thousandths (3); every other one is 2. */
export function currenciesWithExponent(exponent: 0 | 3): string[] {
  return [...(exponent === 0 ? ZERO_DECIMAL : THREE_DECIMAL)];
}

/** Decimals a person sees and types for this currency. */
export function displayDecimals(currency: string): number {
  return TWO_DECIMAL_SHOWN_WHOLE.has(currency.toLowerCase()) ? 0 : currencyExponent(currency);
}

/** Stripe's largest amount: eight digits, twelve for IDR. */
export function maximumAmount(currency: string): bigint {
  return currency.toLowerCase() === "idr" ? 999_999_999_999n : 99_999_999n;
}

/** "1234.50" for 123450 USD: the exact decimal, no floating point, no grouping or symbol. */
export function toDecimalString(amount: MinorUnits, currency: string): string {
  const exponent = currencyExponent(currency);
  const value = BigInt(amount);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(exponent + 1, "0");
  const whole = digits.slice(0, digits.length - exponent);
  let fraction = digits.slice(digits.length - exponent);
  fraction = fraction.slice(0, displayDecimals(currency));
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}

/** An amount as the person would type it in their number format, ungrouped: "1234.50", "1234,50", "5000". */
export function toTypedAmount(amount: MinorUnits, currency: string, locale: string): string {
  const [whole, fraction] = toDecimalString(amount, currency).split(".");
  return fraction ? `${whole}${numberFormat(locale).decimal}${fraction}` : whole!;
}

/** "$1,234.50", "¥5,000", "KWD 1.250" in the given locale. */
export function formatMoney(amount: MinorUnits, currency: string, locale = "en-US"): string {
  const decimals = displayDecimals(currency);
  const formatter = new Intl.NumberFormat(locale, {
    style: "currency",
    currency: currency.toUpperCase(),
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
  // Intl accepts a decimal string exactly (no float rounding) since ES2023.
  return formatter.format(toDecimalString(amount, currency) as unknown as number);
}

export type ParsedAmount = { ok: true; amount: bigint } | { ok: false; message: string };

/**
 * The one function that reads an amount a person typed, in that person's number format (their
 * profile's locale) and the currency's own decimals. Refuses, with a message showing the expected
 * pattern, anything that is not a well-formed number in that format, and what Stripe would refuse.
 * Never guesses: "1,50" is €1.50 for de-DE and refused for en-US; "1.000" is ¥1,000 for de-DE and
 * refused for en-US, since yen have no decimals.
 */
export function parseAmount(input: string, currency: string, locale: string): ParsedAmount {
  const code = currency.toUpperCase();
  const format = numberFormat(locale);
  const decimals = displayDecimals(currency);
  const pattern = formatPattern(format, decimals);
  const reading = readDecimal(input, format);
  if (!reading.ok) {
    switch (reading.problem) {
      case "empty":
        return { ok: false, message: "Enter an amount." };
      case "negative":
        return { ok: false, message: "The amount must be greater than zero." };
      case "too_long":
        return { ok: false, message: `That is too long for an amount (at most ${MAX_TYPED_LENGTH} characters).` };
      case "malformed":
        return { ok: false, message: `Enter the amount as a number written like ${pattern} (your number format, ${format.label}).` };
    }
  }
  const { whole, fraction } = reading;
  if (fraction.length > decimals) {
    return {
      ok: false,
      message:
        decimals === 0
          ? `${code} amounts have no decimal places: write it like ${pattern}.`
          : `${code} amounts have at most ${decimals} decimal places: write it like ${pattern}.`,
    };
  }
  const exponent = currencyExponent(currency);
  const amount = BigInt(whole + fraction.padEnd(exponent, "0"));
  if (amount <= 0n) return { ok: false, message: "The amount must be greater than zero." };
  if (amount > maximumAmount(currency)) {
    return { ok: false, message: `The amount is larger than Stripe allows (${formatMoney(maximumAmount(currency), currency, format.locale)}).` };
  }
  if (THREE_DECIMAL.has(currency.toLowerCase()) && amount % 10n !== 0n) {
    return { ok: false, message: `Stripe takes ${code} amounts only with a last decimal of 0, like ${pattern}.` };
  }
  return { ok: true, amount };
}

/** Sums amounts exactly, whatever mix of number and bigint they come in. */
export function sumAmounts(amounts: Iterable<MinorUnits>): bigint {
  let total = 0n;
  for (const amount of amounts) total += BigInt(amount);
  return total;
}

/**
 * What `amount` of `from` comes to in `to` at a balance transaction's `exchange_rate` (units of `to`
 * per unit of `from`), rounded to `to`'s minor unit: an estimate of what a refund takes from the
 * balance, since Stripe converts at the rate of the moment.
 */
export function convertAmount(amount: MinorUnits, from: string, to: string, exchangeRate: number | null): bigint {
  if (exchangeRate === null || from.toLowerCase() === to.toLowerCase()) return BigInt(amount);
  const scale = 10 ** (currencyExponent(to) - currencyExponent(from));
  return BigInt(Math.round(Number(amount) * exchangeRate * scale));
}

/** "1 EUR = 1.08 USD": a balance transaction's exchange rate in the person's locale. */
export function formatExchangeRate(from: string, to: string, exchangeRate: number, locale = "en-US"): string {
  const rate = new Intl.NumberFormat(locale, { maximumSignificantDigits: 6 }).format(exchangeRate);
  return `1 ${from.toUpperCase()} = ${rate} ${to.toUpperCase()}`;
}
