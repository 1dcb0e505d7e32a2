import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { displayDecimals, formatMoney, maximumAmount, parseAmount, toDecimalString } from "@/lib/money";
import { formatPattern, groupDigits, localeForLanguages, NUMBER_FORMATS, numberFormat } from "./number-formats";

// What people type, in each number format, for each kind of currency: the amount Stripe receives
// (in minor units) or null where it must be refused. Refusal is the answer wherever the text is not
// a well-formed number in that person's format — never a guess.
const NNBSP = "\u202f";
const NBSP = "\u00a0";

type Row = [typed: string, currency: string, expected: Partial<Record<string, bigint | null>>];

const TABLE: Row[] = [
  // The defects that were charged: comma decimals read as grouping, points read as decimals.
  ["1,50", "eur", { "en-US": null, "en-GB": null, "de-DE": 150n, "fr-FR": 150n, "de-CH": null, "ja-JP": null, "en-IN": null }],
  ["1,5", "eur", { "en-US": null, "de-DE": 150n, "fr-FR": 150n, "de-CH": null }],
  ["1.000,00", "eur", { "en-US": null, "de-DE": 100000n, "fr-FR": null, "de-CH": null }],
  ["1.000", "jpy", { "en-US": null, "en-GB": null, "de-DE": 1000n, "fr-FR": null, "de-CH": null, "ja-JP": null, "en-IN": null }],
  ["1.000", "usd", { "en-US": null, "de-DE": 100000n }],
  ["1.50", "usd", { "en-US": 150n, "en-GB": 150n, "de-DE": null, "fr-FR": null, "de-CH": 150n, "ja-JP": 150n, "en-IN": 150n }],
  // Grouping only where the format puts it.
  ["1,234.56", "usd", { "en-US": 123456n, "en-GB": 123456n, "ja-JP": 123456n, "en-IN": 123456n, "de-DE": null, "fr-FR": null, "de-CH": null }],
  ["1,234,567.89", "usd", { "en-US": null, "en-IN": null }],
  ["12,345.67", "usd", { "en-US": 1234567n, "en-IN": 1234567n }],
  ["123,456.78", "usd", { "en-US": 12345678n, "en-IN": null }],
  ["1,23,456.78", "usd", { "en-US": null, "en-IN": 12345678n }],
  ["12,34,567", "jpy", { "en-US": null, "en-IN": 1234567n }],
  ["1.234.567", "jpy", { "de-DE": 1234567n, "en-US": null }],
  ["1.23.456", "jpy", { "de-DE": null }],
  ["1,2345", "usd", { "en-US": null }],
  ["12,34", "usd", { "en-US": null, "de-DE": 1234n }],
  [",50", "eur", { "de-DE": 50n, "fr-FR": 50n }],
  [".50", "usd", { "en-US": 50n, "de-DE": null }],
  ["1.", "usd", { "en-US": null }],
  ["1,,000", "usd", { "en-US": null }],
  [",100", "usd", { "en-US": null }],
  ["100,", "usd", { "en-US": null }],
  // Spaces as fr-FR writes them (narrow no-break space), as people type them, and nowhere else.
  [`1${NNBSP}234,56`, "eur", { "fr-FR": 123456n, "en-US": null, "de-DE": null }],
  [`1${NBSP}234,56`, "eur", { "fr-FR": 123456n }],
  ["1 234,56", "eur", { "fr-FR": 123456n, "en-US": null, "de-DE": null, "de-CH": null }],
  ["1 234", "isk", { "fr-FR": 123400n, "en-US": null }],
  ["1  234,56", "eur", { "fr-FR": null }],
  // Apostrophes as de-CH writes them, both the typewriter and the typographic one.
  ["1'234.50", "usd", { "de-CH": 123450n, "en-US": null, "de-DE": null, "fr-FR": null }],
  ["1’234.50", "usd", { "de-CH": 123450n, "en-US": null }],
  ["1'234,50", "usd", { "de-CH": null }],
  // Full-width digits and separators from a Japanese input method.
  ["１，５００", "jpy", { "ja-JP": 1500n, "en-US": 1500n, "de-DE": null }],
  // Decimals per currency: JPY none, KWD three ending in 0, ISK shown whole but sent in hundredths.
  ["1500", "jpy", { "en-US": 1500n, "de-DE": 1500n, "fr-FR": 1500n, "de-CH": 1500n, "ja-JP": 1500n, "en-IN": 1500n }],
  ["10.5", "jpy", { "en-US": null, "ja-JP": null }],
  ["1.250", "kwd", { "en-US": 1250n, "en-GB": 1250n, "de-DE": 1250000n, "fr-FR": null, "de-CH": 1250n, "ja-JP": 1250n, "en-IN": 1250n }],
  ["1,250", "kwd", { "en-US": 1250000n, "de-DE": 1250n, "fr-FR": 1250n }],
  ["1.235", "kwd", { "en-US": null, "de-CH": null }],
  ["1.2345", "kwd", { "en-US": null }],
  ["0.01", "kwd", { "en-US": 10n }],
  ["100", "isk", { "en-US": 10000n, "de-DE": 10000n, "ja-JP": 10000n }],
  ["100,5", "isk", { "de-DE": null }],
  ["1.500", "isk", { "de-DE": 150000n, "en-US": null }],
  // Trailing zeros beyond the currency's decimals are refused, not dropped: "1.500" USD in en-US
  // may be a thousand and a half written by someone whose profile says otherwise.
  ["1.500", "usd", { "en-US": null }],
  ["3.10", "usd", { "en-US": 310n }],
  // Everything else a person might paste.
  ["", "usd", { "en-US": null }],
  ["   ", "usd", { "en-US": null }],
  ["0", "usd", { "en-US": null }],
  ["0,00", "eur", { "de-DE": null }],
  ["-5", "usd", { "en-US": null, "de-DE": null }],
  ["−5", "usd", { "en-US": null }],
  ["+5", "usd", { "en-US": null }],
  ["1e3", "usd", { "en-US": null }],
  ["$5", "usd", { "en-US": null }],
  ["5 €", "eur", { "de-DE": null }],
  ["0x10", "usd", { "en-US": null }],
  ["١٢", "usd", { "en-US": null }],
  ["1000000", "usd", { "en-US": null }],
  ["999999.99", "usd", { "en-US": 99999999n }],
  [" 12.34 ", "usd", { "en-US": 1234n }],
];

const CURRENCIES = ["usd", "eur", "jpy", "kwd", "isk"];

describe("amounts typed in each number format", () => {
  const cases = TABLE.flatMap(([typed, currency, expected]) =>
    Object.entries(expected).map(([locale, amount]) => ({ typed, currency, locale, amount })),
  );
  it.each(cases)("$typed in $currency for $locale → $amount", ({ typed, currency, locale, amount }) => {
    const parsed = parseAmount(typed, currency, locale);
    if (amount === null) expect(parsed.ok, JSON.stringify(parsed)).toBe(false);
    else expect(parsed).toEqual({ ok: true, amount });
  });

  it("covers the seven locales and five currencies the issue names", () => {
    const locales = new Set(cases.map((c) => c.locale));
    for (const locale of ["en-US", "en-GB", "de-DE", "fr-FR", "de-CH", "ja-JP", "en-IN"]) expect(locales).toContain(locale);
    expect(new Set(cases.map((c) => c.currency))).toEqual(new Set(CURRENCIES));
  });
});

describe("refusals say what to type", () => {
  it("shows the person's own pattern", () => {
    expect(parseAmount("1,50", "eur", "en-US")).toEqual({
      ok: false,
      message: "Enter the amount as a number written like 1,234,567.89 (your number format, English (United States)).",
    });
    expect(parseAmount("1.50", "eur", "de-DE")).toMatchObject({ ok: false, message: expect.stringContaining("1.234.567,89") });
    expect(parseAmount("1.000", "jpy", "en-US")).toEqual({ ok: false, message: "JPY amounts have no decimal places: write it like 1,234,567." });
    expect(parseAmount("12,34,567", "usd", "en-US")).toMatchObject({ ok: false, message: expect.stringContaining("1,234,567.89") });
    expect(parseAmount("1,23,456.789", "usd", "en-IN")).toMatchObject({ ok: false, message: "USD amounts have at most 2 decimal places: write it like 12,34,567.89." });
  });

  it("gives Stripe's reason for a three-decimal amount not ending in 0", () => {
    expect(parseAmount("1.235", "kwd", "en-US")).toEqual({ ok: false, message: "Stripe takes KWD amounts only with a last decimal of 0, like 1,234,567.890." });
  });

  it("caps the length before reading, whatever is typed", () => {
    expect(parseAmount("1".repeat(41), "usd", "en-US")).toMatchObject({ ok: false, message: expect.stringContaining("at most 40 characters") });
    for (const typed of ["0".repeat(20_000), `${"1,".repeat(10_000)}5`, `${" ".repeat(100_000)}1`]) {
      expect(parseAmount(typed, "usd", "en-US"), typed.slice(0, 8)).toMatchObject({ ok: false, message: expect.stringContaining("too long") });
    }
  });

  it("refuses an amount above Stripe's maximum in the person's notation", () => {
    expect(parseAmount("1.000.000,00", "eur", "de-DE")).toEqual({ ok: false, message: `The amount is larger than Stripe allows (999.999,99${NBSP}€).` });
  });
});

describe("formatting then reading back", () => {
  const locales = NUMBER_FORMATS.map((f) => f.locale);
  const currencies = [...CURRENCIES, "gbp", "chf", "bhd", "ugx", "inr"];

  it("returns the same amount in every format and currency", () => {
    fc.assert(
      fc.property(fc.constantFrom(...locales), fc.constantFrom(...currencies), fc.bigInt({ min: 1n, max: 99_999_999n }), (locale, currency, raw) => {
        const amount = storableAmount(raw, currency);
        if (amount <= 0n || amount > maximumAmount(currency)) return;
        for (const typed of [typedLikeIntl(amount, currency, locale), typedLikeTheFormat(amount, currency, locale)]) {
          expect(parseAmount(typed, currency, locale), `${typed} (${locale})`).toEqual({ ok: true, amount });
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe("the format table", () => {
  it.each(NUMBER_FORMATS.map((f) => [f.locale, f] as const))("%s agrees with Intl's separators", (locale, format) => {
    const parts = new Intl.NumberFormat(locale).formatToParts(1234567.5);
    const decimal = parts.find((p) => p.type === "decimal")!.value;
    const group = parts.find((p) => p.type === "group")!.value.normalize("NFKC");
    expect(decimal).toBe(format.decimal);
    expect(format.groups).toContain(group);
    expect(groupDigits("1234567", format).normalize("NFKC")).toBe(new Intl.NumberFormat(locale, { useGrouping: "always" }).format(1234567).normalize("NFKC"));
  });

  it("shows each format's pattern", () => {
    expect(formatPattern(numberFormat("de-DE"), 2)).toBe("1.234.567,89");
    expect(formatPattern(numberFormat("en-IN"), 0)).toBe("12,34,567");
    expect(formatPattern(numberFormat("fr-FR"), 2)).toBe(`1${NNBSP}234${NNBSP}567,89`);
    expect(formatPattern(numberFormat("de-CH"), 3)).toBe("1'234'567.890");
  });

  it.each([
    ["de-DE,de;q=0.9,en;q=0.8", "de-DE"],
    ["de-AT", "de-DE"],
    ["fr-CA,en;q=0.5", "fr-FR"],
    ["en;q=0.2, de-CH", "de-CH"],
    ["*", null],
    ["xx-YY", null],
    ["", null],
  ])("picks %j → %s from the browser's languages", (header, locale) => {
    expect(localeForLanguages(header)).toBe(locale);
  });
});

/** Amounts Stripe accepts in that currency: ISK in whole hundredths, three-decimal ones ending in 0. */
function storableAmount(raw: bigint, currency: string): bigint {
  if (currency === "isk") return raw - (raw % 100n);
  if (currency === "kwd" || currency === "bhd") return raw - (raw % 10n);
  return raw;
}

/** What the browser shows for the amount (the money formatter), without the currency symbol. */
function typedLikeIntl(amount: bigint, currency: string, locale: string): string {
  return formatMoney(amount, currency, locale)
    .replace(/[^\d.,'’\u00a0\u202f ]/g, "")
    .replace(/^[\s.,]+|[\s.,]+$/g, "");
}

/** What a person writes from the pattern the form shows. */
function typedLikeTheFormat(amount: bigint, currency: string, locale: string): string {
  const format = numberFormat(locale);
  const [whole, fraction = ""] = toDecimalString(amount, currency).split(".");
  const shown = fraction.slice(0, displayDecimals(currency));
  return `${groupDigits(whole!, format)}${shown ? `${format.decimal}${shown}` : ""}`;
}
