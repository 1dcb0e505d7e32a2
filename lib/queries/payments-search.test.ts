// The Payments list's search box finds a customer's payments by part of their name (the start of
// any word) or of their email (its start, any case), as the Customers page finds the customer.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { describeSearch, listPayments, paymentFiltersSchema, paymentsPageQuery, withSearchCustomers, type SearchCustomers } from "./payments";

useTestDatabase();

const at = (minutes: number) => new Date(Date.parse("2026-11-20T12:00:00Z") + minutes * 60_000);
const base = { livemode: false, data: {}, syncedAt: new Date() };

beforeAll(async () => {
  await db().customer.createMany({
    data: [
      { ...base, id: "cus_emma", created: at(0), name: "Emma Stone", email: "e.stone@example.com" },
      { ...base, id: "cus_zoe", created: at(0), name: "Zoe Emmett", email: "zoe@example.com" },
      { ...base, id: "cus_lena", created: at(0), name: "Lena Park", email: "lena.park@example.com" },
      { ...base, id: "cus_moved", created: at(0), name: "Omar Diaz", email: "omar.new@example.com" },
    ],
  });
  const payment = (id: string, minutes: number, customerId: string | null, customerEmail: string | null) => ({
    ...base, id, created: at(minutes), status: "succeeded", amount: 1000n, amountReceived: 1000n, currency: "usd", customerId, customerEmail,
  });
  await db().paymentIntent.createMany({
    data: [
      payment("pi_emma_1", 1, "cus_emma", "e.stone@example.com"),
      payment("pi_emma_2", 2, "cus_emma", "E.Stone@Example.com"),
      payment("pi_guest", 3, null, "emma.guest@example.com"),
      payment("pi_zoe", 4, "cus_zoe", "zoe@example.com"),
      payment("pi_nobody", 5, null, null),
      // The customer's email not (yet) copied onto the payment, and a copy from before it changed.
      payment("pi_lena_uncopied", 6, "cus_lena", null),
      payment("pi_lena_copied", 7, "cus_lena", "lena.park@example.com"),
      payment("pi_omar_stale", 8, "cus_moved", "omar.old@example.com"),
      // A guest's billing email, and a customer not stored yet, carry only the payment's own copy.
      payment("pi_lena_guest", 9, null, "lena.parker@example.com"),
      payment("pi_unknown_customer", 10, "cus_not_stored", "lena.p@example.com"),
    ],
  });
});

const search = async (q: string, searchCustomers?: SearchCustomers) =>
  (await listPayments({ ...paymentFiltersSchema.parse({ q }), searchCustomers }, { timeZone: "UTC" })).rows.map((r) => r.id);

describe("Payments search by name or email", () => {
  it("finds a customer's payments by the start of a word of the name, in any case", async () => {
    expect(await search("emma")).toEqual(["pi_emma_2", "pi_emma_1"]);
    expect(await search("STON")).toEqual(["pi_emma_2", "pi_emma_1"]);
    expect(await search("emmett")).toEqual(["pi_zoe"]);
    expect(await search("emma stone")).toEqual(["pi_emma_2", "pi_emma_1"]);
    expect(describeSearch("emma")).toBe("customer name or email");
  });

  it("finds payments by the start of the customer's email, whatever its case", async () => {
    expect(await search("e.sto")).toEqual(["pi_emma_2", "pi_emma_1"]);
    expect(await search("ZOE@")).toEqual(["pi_zoe"]);
    // A payment without a customer is found by its own email once it has an @.
    expect(await search("e.stone@EXAMPLE")).toEqual(["pi_emma_2", "pi_emma_1"]);
    expect(await search("emma.guest@")).toEqual(["pi_guest"]);
  });

  it("takes % and _ literally and matches nothing for a single character", async () => {
    // As wildcards these would be the start of emma.guest@example.com.
    expect(await search("emma.g%@")).toEqual([]);
    expect(await search("emma_guest@")).toEqual([]);
    expect(await search("e")).toEqual([]);
  });
});

describe("Payments search by the start of an email (no @)", () => {
  it("matches the customer's stored email, not the copy on the payment", async () => {
    expect(await search("lena.p")).toEqual(["pi_lena_copied", "pi_lena_uncopied"]);
    expect(await search("LENA.PARK")).toEqual(["pi_lena_copied", "pi_lena_uncopied"]);
    expect(await search("omar.new")).toEqual(["pi_omar_stale"]);
    expect(await search("omar.old")).toEqual([]);
    // Found by their own copy only once the term has an @.
    expect(await search("lena.parker@")).toEqual(["pi_lena_guest"]);
    expect(await search("lena.p@")).toEqual(["pi_unknown_customer"]);
  });

  it("finds the same payments whether the customers were few (their ids) or many (a semi-join)", async () => {
    for (const q of ["lena.p", "omar", "e.sto", "emma", "emma stone", "zed", "example"]) {
      const resolved = await withSearchCustomers(paymentFiltersSchema.parse({ q }));
      expect(resolved.searchCustomers, q).toEqual(expect.objectContaining({ ids: expect.any(Array) }));
      expect(await search(q, "many"), q).toEqual(await search(q));
    }
  });

  it("refuses to build the list's statement before the customers are counted", () => {
    // The semi-join alone walks every payment for a rare term (seconds at a million payments).
    expect(() => paymentsPageQuery(paymentFiltersSchema.parse({ q: "lena.p" }), "UTC", null, 25)).toThrow(/withSearchCustomers/);
    expect(() => paymentsPageQuery(paymentFiltersSchema.parse({ q: "lena.p@" }), "UTC", null, 25)).not.toThrow();
  });

  it("counts past 2,000 matching customers as many, and finds their payments newest first", async () => {
    await db().$executeRawUnsafe(`INSERT INTO customers (id, livemode, created, email, name, data, synced_at)
      SELECT 'cus_bulk' || n, false, now(), 'bulk' || n || '@example.com', 'Bulk ' || n, '{}'::jsonb, now() FROM generate_series(1, 2001) AS n`);
    await db().$executeRawUnsafe(`INSERT INTO payment_intents (id, livemode, created, status, amount, amount_received, currency, customer_id, data, synced_at)
      SELECT 'pi_bulk' || n, false, '2026-11-01T00:00:00Z'::timestamptz + n * interval '1 minute', 'succeeded', 1000, 1000, 'usd', 'cus_bulk' || n, '{}'::jsonb, now()
        FROM generate_series(1, 2001) AS n`);
    expect((await withSearchCustomers(paymentFiltersSchema.parse({ q: "bulk" }))).searchCustomers).toBe("many");
    expect((await withSearchCustomers(paymentFiltersSchema.parse({ q: "bulk200" }))).searchCustomers).toEqual({ ids: expect.any(Array) });
    expect((await search("bulk")).slice(0, 3)).toEqual(["pi_bulk2001", "pi_bulk2000", "pi_bulk1999"]);
    expect(await search("bulk200")).toEqual(["pi_bulk2001", "pi_bulk2000", "pi_bulk200"]);
  });
});
