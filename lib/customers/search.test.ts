// Customer search on the customers page: exact id, exact email, or the start of a name in any case,
// keyset-paginated, with the query's own wildcards taken literally.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { CUSTOMER_PAGE_SIZE, customerFiltersSchema, listCustomers } from "./list";

useTestDatabase();

const T0 = Date.parse("2026-10-01T00:00:00Z");

beforeAll(async () => {
  const names = ["Ada Lovelace", "ada byron", "ADAM Smith", "Grace Hopper", "50% Off Ltd", "50 Percent Co", "Under_score Inc", "Underwood"];
  const rows = names.map((name, i) => ({ id: `cus_search_${i}`, name, email: `person${i}@example.com`, created: new Date(T0 + i * 60_000) }));
  // Enough "Zed" customers for two pages, created a second apart so the order is certain.
  for (let i = 0; i < CUSTOMER_PAGE_SIZE + 5; i++) rows.push({ id: `cus_zed_${String(i).padStart(3, "0")}`, name: `Zed ${i}`, email: `zed${i}@example.com`, created: new Date(T0 + 3_600_000 + i * 1000) });
  rows.push({ id: "cus_search_deleted", name: "Ada Deleted", email: "gone@example.com", created: new Date(T0) });
  await db().customer.createMany({
    data: rows.map((r) => ({ ...r, livemode: false, data: {}, syncedAt: new Date(), deleted: r.id === "cus_search_deleted" })),
  });
});

const names = async (q: string) => (await listCustomers(customerFiltersSchema.parse({ q }))).rows.map((r) => r.name);

describe("customer search", () => {
  it("matches the start of a name whatever its case, newest first, and leaves deleted customers out", async () => {
    expect(await names("ada")).toEqual(["ADAM Smith", "ada byron", "Ada Lovelace"]);
    expect(await names("ADA L")).toEqual(["Ada Lovelace"]);
    expect(await names("lovelace")).toEqual([]);
  });

  it("takes % and _ in the query literally", async () => {
    expect(await names("50%")).toEqual(["50% Off Ltd"]);
    expect(await names("under_")).toEqual(["Under_score Inc"]);
    expect(await names("%")).toEqual([]);
  });

  it("finds an exact email in any case, and an exact id", async () => {
    expect(await names("PERSON3@example.com")).toEqual(["Grace Hopper"]);
    expect(await names("cus_search_4")).toEqual(["50% Off Ltd"]);
  });

  it("pages through a name search with the cursor, without repeating or skipping anyone", async () => {
    const first = await listCustomers({ q: "zed" });
    expect(first.rows).toHaveLength(CUSTOMER_PAGE_SIZE);
    expect(first.next).not.toBeNull();
    const second = await listCustomers({ q: "zed" }, { cursor: first.next });
    expect(second.next).toBeNull();
    const ids = [...first.rows, ...second.rows].map((r) => r.id);
    expect(new Set(ids).size).toBe(CUSTOMER_PAGE_SIZE + 5);
    expect(ids[0]).toBe(`cus_zed_${String(CUSTOMER_PAGE_SIZE + 4).padStart(3, "0")}`);
    expect(ids.at(-1)).toBe("cus_zed_000");
  });
});
