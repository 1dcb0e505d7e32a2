import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/tests/support/db";
import { decodeCursor, encodeCursor } from "@/lib/listing/keyset";
import { readFilters } from "@/lib/listing/search-params";
import { allPayments, listPayments, paymentFiltersSchema, type PaymentFilters } from "./payments";
import { paymentBadges } from "./payment-status";
import { insertPayments } from "./fixtures.test-support";

const database = useTestDatabase();
const now = new Date("2026-11-20T12:00:00Z");
const at = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
const filters = (raw: Record<string, string>): PaymentFilters => paymentFiltersSchema.parse(raw);

async function everyPage(f: PaymentFilters, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor = null;
  for (let guard = 0; guard < 100; guard++) {
    // Through the URL form, as the page does it.
    const page = await listPayments(f, { timeZone: "UTC", cursor, limit });
    ids.push(...page.rows.map((r) => r.id));
    if (!page.next) return ids;
    cursor = decodeCursor(encodeCursor(page.next));
  }
  throw new Error("pagination did not end");
}

beforeAll(async () => {
  await database.truncateAll();
  const seeds = [];
  // 50 payments; pairs share a timestamp so ties are broken by id.
  for (let i = 0; i < 50; i++) {
    seeds.push({ id: `pi_${String(i).padStart(3, "0")}`, created: at(Math.floor(i / 2) * 60), amount: BigInt(1000 + i * 100), cardLast4: i % 5 === 0 ? "4242" : "0005", customerEmail: i === 7 ? "ana@example.com" : null });
  }
  seeds.push(
    { id: "pi_failed", created: at(5), status: "requires_payment_method", lastPaymentErrorCode: "card_declined", amount: 500n },
    { id: "pi_auth", created: at(6), status: "requires_action", amount: 700n },
    { id: "pi_refunded", created: at(7), amount: 900n, amountRefunded: 900n },
    { id: "pi_partial", created: at(8), amount: 900n, amountRefunded: 100n },
    { id: "pi_disputed", created: at(9), amount: 900n, disputed: true, latestChargeId: "ch_disputed" },
    { id: "pi_efw", created: at(10), amount: 900n, hasEarlyFraudWarning: true },
    { id: "pi_yen", created: at(11), amount: 5000n, currency: "jpy" },
    // 16:30 UTC on 1 Nov is 01:30 on 2 Nov in Tokyo: the day filter must follow the merchant's zone.
    { id: "pi_tokyo", created: new Date("2026-11-01T16:30:00Z"), amount: 100n, currency: "jpy" },
  );
  await insertPayments(seeds);
});

describe("listPayments", () => {
  it("walks every row exactly once, newest first, across pages", async () => {
    const ids = await everyPage(filters({}), 7);
    expect(ids).toHaveLength(58);
    expect(new Set(ids).size).toBe(58);
    const rows = (await listPayments(filters({}), { timeZone: "UTC", limit: 100 })).rows;
    expect(ids).toEqual(rows.map((r) => r.id));
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1]!, rows[i]!];
      expect(a.created.getTime() > b.created.getTime() || (a.created.getTime() === b.created.getTime() && a.id > b.id)).toBe(true);
    }
  });

  it("says there is no next page when the last page is exactly full", async () => {
    const page = await listPayments(filters({ currency: "jpy" }), { timeZone: "UTC", limit: 2 });
    expect(page.rows.map((r) => r.id)).toEqual(["pi_yen", "pi_tokyo"]);
    expect(page.next).toBeNull();
  });

  it("filters by each status", async () => {
    const ids = async (status: string) => (await everyPage(filters({ status }), 10)).sort();
    expect(await ids("failed")).toEqual(["pi_failed"]);
    expect(await ids("needs_authentication")).toEqual(["pi_auth"]);
    expect(await ids("refunded")).toEqual(["pi_refunded"]);
    expect(await ids("partially_refunded")).toEqual(["pi_partial"]);
    expect(await ids("disputed")).toEqual(["pi_disputed"]);
    expect(await ids("early_fraud_warning")).toEqual(["pi_efw"]);
    expect(await ids("succeeded")).toHaveLength(56);
  });

  it("filters by currency, amount in the currency's own units, and date in the merchant's zone", async () => {
    expect(await everyPage(filters({ currency: "jpy", min: "1000" }), 10)).toEqual(["pi_yen"]);
    const usdBig = await everyPage(filters({ currency: "usd", min: "50", max: "51" }), 10);
    expect(usdBig.sort()).toEqual(["pi_040", "pi_041"]);
    const day = filters({ from: "2026-11-02", to: "2026-11-02" });
    expect(await everyPage(day, 10)).toEqual([]);
    expect(await listPayments(day, { timeZone: "Asia/Tokyo" }).then((p) => p.rows.map((r) => r.id))).toEqual(["pi_tokyo"]);
  });

  it("keeps an amount without a currency for the page to explain, and refuses an unknown status, currency or sort by name", () => {
    expect(filters({ min: "10" })).toEqual({ min: "10" });
    expect(readFilters(paymentFiltersSchema, { status: "nonsense", currency: "dollars", sort: "random" })).toEqual({
      ok: false,
      fields: ["status", "currency", "sort"],
      message: "Unknown payment status “nonsense”: choose one from the list. “dollars” is not a currency: write its three-letter code, for example usd. “random” is not a sort order here: choose newest, oldest, largest, smallest.",
    });
  });

  it("refuses a day that does not exist or a range that ends before it starts, naming the field", () => {
    expect(readFilters(paymentFiltersSchema, { from: "yesterday" })).toEqual({ ok: false, fields: ["from"], message: "“yesterday” is not a date: write it as YYYY-MM-DD, for example 2026-03-01." });
    expect(readFilters(paymentFiltersSchema, { to: "2026-02-31", status: "failed" })).toEqual({ ok: false, fields: ["to"], message: "“2026-02-31” is not a date: February 2026 has 28 days." });
    expect(readFilters(paymentFiltersSchema, { from: "2026-11-02", to: "2026-11-01" })).toMatchObject({ ok: false, fields: ["to"] });
    expect(readFilters(paymentFiltersSchema, { from: "2026-11-01", to: "2026-11-01", status: "failed" })).toEqual({ ok: true, filters: expect.objectContaining({ from: "2026-11-01", to: "2026-11-01", status: "failed" }) });
  });

  it("searches by payment id, charge id, email and last 4", async () => {
    const search = async (q: string) => (await everyPage(filters({ q }), 10)).sort();
    expect(await search("pi_auth")).toEqual(["pi_auth"]);
    expect(await search("ch_disputed")).toEqual(["pi_disputed"]);
    expect(await search("ANA@example.com")).toEqual(["pi_007"]);
    expect(await search("4242")).toHaveLength(10);
    expect(await search("hello")).toEqual([]);
    expect(await search("4242")).toEqual((await everyPage(filters({ q: "4242" }), 3)).sort());
  });

  it("streams the filtered set in batches for export", async () => {
    const batches = [];
    for await (const batch of allPayments(filters({ currency: "usd" }), "UTC", 20)) batches.push(batch.length);
    expect(batches).toEqual([20, 20, 16]);
  });
});

describe("paymentBadges", () => {
  const base = { status: "succeeded", amountReceived: 1000n, amountRefunded: 0n, lastPaymentErrorCode: null, disputed: false, hasEarlyFraudWarning: false };
  it("names the state staff care about", () => {
    expect(paymentBadges(base)).toEqual(["succeeded"]);
    expect(paymentBadges({ ...base, amountRefunded: 1000n })).toEqual(["refunded"]);
    expect(paymentBadges({ ...base, amountRefunded: 10n, disputed: true })).toEqual(["partially_refunded", "disputed"]);
    expect(paymentBadges({ ...base, status: "requires_payment_method", amountReceived: 0n, lastPaymentErrorCode: "card_declined" })).toEqual(["failed"]);
    expect(paymentBadges({ ...base, status: "requires_action", hasEarlyFraudWarning: true })).toEqual(["needs_authentication", "early_fraud_warning"]);
  });
});

describe("payments CSV", () => {
  it("streams a header and one line per filtered payment, amounts in the currency's units", async () => {
    const { paymentsCsvStream, csvField } = await import("./payments-csv");
    const text = await new Response(paymentsCsvStream(filters({ currency: "jpy" }), "Asia/Tokyo")).text();
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]?.startsWith("id,created_utc,created_local_day,amount")).toBe(true);
    expect(lines.slice(1).map((l) => l.split(",").slice(0, 6))).toEqual([
      ["pi_yen", at(11).toISOString(), "2026-11-20", "5000", "0", "JPY"],
      ["pi_tokyo", "2026-11-01T16:30:00.000Z", "2026-11-02", "100", "0", "JPY"],
    ]);
    const all = await new Response(paymentsCsvStream(filters({}), "UTC")).text();
    expect(all.trimEnd().split("\r\n")).toHaveLength(59);
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField("=SUM(A1)")).toBe("'=SUM(A1)");
  });

  it("defuses a formula wherever a spreadsheet would still find one in a cell, and only there", async () => {
    const { csvField } = await import("./payments-csv");
    // Behind spaces or quotes, on a later line of the cell, or in fullwidth form.
    expect(csvField(" =HYPERLINK(\"http://evil.example\")")).toBe(`"' =HYPERLINK(""http://evil.example"")"`);
    expect(csvField("\"@SUM(1+1)")).toBe(`"'""@SUM(1+1)"`);
    expect(csvField("Order 12\n=cmd|' /C calc'!A0")).toBe(`"Order 12\n'=cmd|' /C calc'!A0"`);
    expect(csvField("\uFF1D1+1")).toBe("'\uFF1D1+1");
    expect(csvField("\t-2")).toBe("'\t-2");
    // Ordinary text with these characters inside stays as it is.
    for (const plain of ["ada-lovelace@example.com", "2 shirts - blue", "A+ service", "pi_3Mtw"]) expect(csvField(plain)).toBe(plain);
  });
});
