import { describe, expect, it } from "vitest";
import { currencyExponent, formatMoney, parseAmount, sumAmounts, toDecimalString } from "./money";

describe("currency exponents", () => {
  it.each([
    ["usd", 2],
    ["JPY", 0],
    ["kwd", 3],
    ["isk", 2],
    ["ugx", 0],
    ["eur", 2],
  ])("%s has exponent %i", (currency, exponent) => {
    expect(currencyExponent(currency)).toBe(exponent);
  });
});

describe("formatMoney", () => {
  it("formats each currency in its own exponent", () => {
    expect(formatMoney(123450, "usd")).toBe("$1,234.50");
    expect(formatMoney(5000, "jpy")).toBe("¥5,000");
    expect(formatMoney(1250, "kwd")).toBe("KWD\u00a01.250");
    expect(formatMoney(10000, "isk")).toBe("ISK\u00a0100");
    expect(formatMoney(-2500, "eur")).toBe("-€25.00");
  });

  it("is exact beyond floating point range", () => {
    expect(toDecimalString(123456789012345678n, "usd")).toBe("1234567890123456.78");
    expect(toDecimalString(5, "usd")).toBe("0.05");
  });
});

describe("parseAmount", () => {
  it("reads amounts in the currency's decimals", () => {
    expect(parseAmount("12.34", "usd", "en-US")).toEqual({ ok: true, amount: 1234n });
    expect(parseAmount("1,234.5", "usd", "en-US")).toEqual({ ok: true, amount: 123450n });
    expect(parseAmount("5000", "jpy", "en-US")).toEqual({ ok: true, amount: 5000n });
    expect(parseAmount("1.25", "kwd", "en-US")).toEqual({ ok: true, amount: 1250n });
    expect(parseAmount("100", "isk", "en-US")).toEqual({ ok: true, amount: 10000n });
    expect(parseAmount("3.10", "usd", "en-US")).toEqual({ ok: true, amount: 310n });
  });

  it.each([
    ["", "usd", "Enter an amount."],
    ["0", "usd", "The amount must be greater than zero."],
    ["-5", "usd", "The amount must be greater than zero."],
    ["12.345", "usd", "USD amounts have at most 2 decimal places: write it like 1,234,567.89."],
    ["10.5", "jpy", "JPY amounts have no decimal places: write it like 1,234,567."],
    ["1e3", "usd", "Enter the amount as a number written like 1,234,567.89 (your number format, English (United States))."],
    ["1000000", "usd", "The amount is larger than Stripe allows ($999,999.99)."],
  ])("refuses %j in %s", (input, currency, message) => {
    expect(parseAmount(input, currency, "en-US")).toEqual({ ok: false, message });
  });
});

it("sums mixed amounts exactly", () => {
  expect(sumAmounts([1, 2n, 9_007_199_254_740_993n])).toBe(9_007_199_254_740_996n);
});
