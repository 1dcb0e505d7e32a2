// The Payments list's search box finds a customer's payments by part of their name (the start of
// any word) or of their email (its start, any case), as the Customers page finds the customer.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { describeSearch, listPayments, paymentFiltersSchema } from "./payments";

useTestDatabase();

const at = (minutes: number) => new Date(Date.parse("2026-11-20T12:00:00Z") + minutes * 60_000);
const base = { livemode: false, data: {}, syncedAt: new Date() };

beforeAll(async () => {
  await db().customer.createMany({
    data: [
      { ...base, id: "cus_emma", created: at(0), name: "Emma Stone", email: "e.stone@example.com" },
      { ...base, id: "cus_zoe", created: at(0), name: "Zoe Emmett", email: "zoe@example.com" },
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
    ],
  });
});

const search = async (q: string) => (await listPayments(paymentFiltersSchema.parse({ q }), { timeZone: "UTC" })).rows.map((r) => r.id);

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
