// The one place money is parsed and formatted. Amounts are integers in the currency's minor unit as
// Stripe counts them; the exponent differs per currency (JPY 0, USD 2, KWD 3) and a few currencies are
// counted by Stripe in hundredths although they are shown whole (ISK, UGX).

const ZERO_DECIMAL = new Set(["bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "vnd", "vuv", "xaf", "xof", "xpf"]);
const THREE_DECIMAL = new Set(["bhd", "jod", "kwd", "omr", "tnd"]);
// Stripe takes these with two decimals that must be zero (the amount divisible by 100).
const TWO_DECIMAL_SHOWN_WHOLE = new Set(["isk", "ugx"]);

export type MinorUnits = number | bigint;

/** How many digits of an API amount are the fraction: 10^exponent minor units make one major unit. */
export function currencyExponent(currency: string): number {
  const code = currency.toLowerCase();
  if (ZERO_DECIMAL.has(code)) return 0;
  if (THREE_DECIMAL.has(code)) return 3;
  return 2;
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
 * Reads an amount a person typed ("12.34", "1,234.5", "5000") in the currency's own decimals.
 * Refuses what Stripe would refuse, with a message that says why.
 */
export function parseAmount(input: string, currency: string): ParsedAmount {
  const text = input.trim().replace(/,/g, "");
  const code = currency.toUpperCase();
  const decimals = displayDecimals(currency);
  if (text === "") return { ok: false, message: "Enter an amount." };
  if (text.startsWith("-")) return { ok: false, message: "The amount must be greater than zero." };
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) return { ok: false, message: `Enter the amount as a number, like ${decimals ? `12.${"5".padEnd(decimals, "0")}` : "500"}.` };
  const whole = match[1] ?? "0";
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  if (fraction.length > decimals) {
    return {
      ok: false,
      message: decimals === 0 ? `${code} amounts have no decimal places.` : `${code} amounts have at most ${decimals} decimal places.`,
    };
  }
  const exponent = currencyExponent(currency);
  const amount = BigInt(whole + fraction.padEnd(exponent, "0"));
  if (amount <= 0n) return { ok: false, message: "The amount must be greater than zero." };
  if (amount > maximumAmount(currency)) {
    return { ok: false, message: `The amount is larger than Stripe allows (${formatMoney(maximumAmount(currency), currency)}).` };
  }
  return { ok: true, amount };
}

/** Sums amounts exactly, whatever mix of number and bigint they come in. */
export function sumAmounts(amounts: Iterable<MinorUnits>): bigint {
  let total = 0n;
  for (const amount of amounts) total += BigInt(amount);
  return total;
}
