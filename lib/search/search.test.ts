// The one search on the real database: each kind of term finds what it names and nothing else,
// answers links grouped by type, reads amounts in the searcher's own number format, and refuses
// text no search is made of.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { readSearchTerm, searchEverything, type SearchAnswer } from "./search";

useTestDatabase();

const T0 = Date.parse("2026-10-01T00:00:00Z");
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const base = { livemode: false, data: {}, syncedAt: new Date() };
let american = { id: "", locale: "en-US" };
let german = { id: "", locale: "de-DE" };

beforeAll(async () => {
  const us = await db().staffUser.create({ data: { email: "us@shop.test", name: "Ada", roles: ["view_only"], passwordHash: "x", locale: "en-US" } });
  const de = await db().staffUser.create({ data: { email: "de@shop.test", name: "Bea", roles: ["view_only"], passwordHash: "x", locale: "de-DE" } });
  american = { id: us.id, locale: "en-US" };
  german = { id: de.id, locale: "de-DE" };
  await db().customer.createMany({
    data: [
      { ...base, id: "cus_Emma1", created: at(1), name: "Emma Jones", email: "emma.jones@example.com" },
      { ...base, id: "cus_Anna2", created: at(2), name: "Anna Smith", email: "anna@shop.test" },
      { ...base, id: "cus_Gone3", created: at(3), name: "Emma Gone", email: "emma.gone@example.com", deleted: true },
      { ...base, id: "cus_Zed4", created: at(4), name: "Zed Émile", email: "z@shop.test" },
    ],
  });
  const payment = (id: string, minutes: number, amount: number, currency: string, extra: object = {}) => ({
    ...base, id, created: at(minutes), status: "succeeded", amount: BigInt(amount), amountReceived: BigInt(amount), currency, ...extra,
  });
  await db().paymentIntent.createMany({
    data: [
      payment("pi_3AbcUSD", 10, 1250, "usd", { customerId: "cus_Emma1", customerEmail: "Emma.Jones@Example.com", cardLast4: "4242" }),
      payment("pi_3AbcJPY", 11, 1250, "jpy", { customerEmail: "anna@shop.test", cardLast4: "0005" }),
      payment("pi_3XyzEUR", 12, 125000, "eur"),
      payment("pi_3XyzKWD", 13, 1250, "kwd"),
    ],
  });
  await db().charge.create({ data: { ...base, id: "ch_3AbcUSD", created: at(10), status: "succeeded", amount: 1250n, currency: "usd", paymentIntentId: "pi_3AbcUSD" } });
  await db().refund.create({ data: { ...base, id: "re_3AbcUSD", created: at(20), status: "succeeded", amount: 500n, currency: "usd", paymentIntentId: "pi_3AbcUSD" } });
  await db().dispute.create({ data: { ...base, id: "dp_3AbcUSD", created: at(30), status: "needs_response", reason: "fraudulent", amount: 1250n, currency: "usd", paymentIntentId: "pi_3AbcUSD" } });
  await db().payout.create({ data: { ...base, id: "po_3Abc", created: at(40), status: "paid", amount: 90000n, currency: "usd", arrivalDate: at(2000) } });
  await db().stripeEvent.create({ data: { id: "evt_3Abc", type: "charge.succeeded", created: at(10), livemode: false, objectType: "charge", objectId: "ch_3AbcUSD", payload: {} } });
});

function ids(answer: SearchAnswer): Record<string, string[]> {
  if (!answer.ok) throw new Error(answer.error);
  return Object.fromEntries(answer.groups.map((group) => [group.type, group.hits.map((hit) => hit.id)]));
}

describe("one search", () => {
  it("finds each kind of object by the start of its id, case-sensitively, and links to its page", async () => {
    expect(ids(await searchEverything(american, "pi_3Abc"))).toEqual({ payments: ["pi_3AbcJPY", "pi_3AbcUSD"] });
    expect(ids(await searchEverything(american, "pi_3abc"))).toEqual({});
    expect(ids(await searchEverything(american, "pi_3AbcUSD"))).toEqual({ payments: ["pi_3AbcUSD"] });
    const hrefs = async (q: string) => {
      const answer = await searchEverything(american, q);
      return answer.ok ? answer.groups.flatMap((group) => group.hits.map((hit) => `${group.label}: ${hit.href}`)) : [answer.error];
    };
    expect(await hrefs("ch_3A")).toEqual(["Charges: /payments/pi_3AbcUSD"]);
    expect(await hrefs("re_3A")).toEqual(["Refunds: /payments/pi_3AbcUSD"]);
    expect(await hrefs("dp_3A")).toEqual(["Disputes: /disputes/dp_3AbcUSD"]);
    expect(await hrefs("po_3")).toEqual(["Payouts: /payouts/po_3Abc"]);
    expect(await hrefs("cus_E")).toEqual(["Customers: /customers/cus_Emma1"]);
    expect(await hrefs("evt_3")).toEqual(["Events: /events/evt_3Abc"]);
  });

  it("finds customers and payments by the start of an email, in any case", async () => {
    expect(ids(await searchEverything(american, "EMMA.JONES@example"))).toEqual({ payments: ["pi_3AbcUSD"], customers: ["cus_Emma1"] });
    expect(ids(await searchEverything(american, "anna@"))).toEqual({ payments: ["pi_3AbcJPY"], customers: ["cus_Anna2"] });
  });

  it("finds customers by the start of any word of their name, leaving deleted ones out", async () => {
    expect(ids(await searchEverything(american, "emma"))).toEqual({ payments: ["pi_3AbcUSD"], customers: ["cus_Emma1"] });
    expect(ids(await searchEverything(american, "smi"))).toEqual({ customers: ["cus_Anna2"] });
    expect(ids(await searchEverything(american, "JONES"))).toEqual({ customers: ["cus_Emma1"] });
    expect(ids(await searchEverything(american, "emma  j"))).toEqual({ customers: ["cus_Emma1"] });
    expect(ids(await searchEverything(american, "émi"))).toEqual({ customers: ["cus_Zed4"] });
    expect(ids(await searchEverything(american, "emma smith"))).toEqual({});
    const customer = await searchEverything(american, "smith");
    expect(customer.ok && customer.groups[0]!.hits[0]).toEqual({ id: "cus_Anna2", href: "/customers/cus_Anna2", title: "Anna Smith", detail: "anna@shop.test · cus_Anna2" });
  });

  it("keeps full-text operators typed into the box from reaching the query", async () => {
    expect(ids(await searchEverything(american, "jones & !emma | (x:*"))).toEqual({});
    expect(ids(await searchEverything(american, "jo'nes"))).toEqual({});
    expect(ids(await searchEverything(american, "50%"))).toEqual({});
  });

  it("finds payments by the card's last four digits", async () => {
    expect(ids(await searchEverything(american, "4242"))).toEqual({ payments: ["pi_3AbcUSD"] });
    expect(ids(await searchEverything(american, "0005"))).toEqual({ payments: ["pi_3AbcJPY"] });
  });

  it("reads an amount in the searcher's number format and matches it only in currencies where it means that sum", async () => {
    // 12.50 is 1250 cents; the yen and dinar payments of 1250 minor units are ¥1,250 and KWD 1.250.
    expect(ids(await searchEverything(american, "12.50"))).toEqual({ payments: ["pi_3AbcUSD"] });
    expect(ids(await searchEverything(german, "12,50"))).toEqual({ payments: ["pi_3AbcUSD"] });
    // "1,250" is ¥1,250 and €1,250.00 to an American; to a German it is 1.25 of anything.
    expect(ids(await searchEverything(american, "1,250"))).toEqual({ payments: ["pi_3XyzEUR", "pi_3AbcJPY"] });
    expect(ids(await searchEverything(american, "1.250"))).toEqual({ payments: ["pi_3XyzKWD"] });
    expect(ids(await searchEverything(german, "1.250"))).toEqual({ payments: ["pi_3XyzEUR", "pi_3AbcJPY"] });
    const answer = await searchEverything(american, "12.50");
    expect(answer.ok && answer.groups[0]!.hits[0]).toMatchObject({ href: "/payments/pi_3AbcUSD", title: "$12.50 · Emma.Jones@Example.com", detail: "Succeeded · pi_3AbcUSD" });
  });

  it("searches for nothing on empty text and refuses text no search is made of, without querying", async () => {
    expect(await searchEverything(american, "   ")).toEqual({ ok: true, groups: [] });
    expect(await searchEverything(american, "e")).toEqual({ ok: true, groups: [] });
    expect(await searchEverything(american, "x".repeat(101))).toEqual({ ok: false, error: "Search for at most 100 characters." });
    for (const text of ["emma\u0000", "emma\tjones", "emma\njones", "emma\u007f", "\u0085emma"]) {
      expect(await searchEverything(american, text)).toEqual({ ok: false, error: "A search cannot contain control characters such as tabs or line breaks." });
    }
    expect(readSearchTerm(["emma"])).toEqual({ ok: false, error: "Search for some text." });
    expect(readSearchTerm("x".repeat(100))).toEqual({ ok: true, text: "x".repeat(100) });
  });
});
