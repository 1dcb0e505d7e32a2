import { describe, expect, it } from "vitest";
import { listOf } from "../core/list";
import { Store } from "../core/store";

function storeWith(createdTimes: number[]): Store {
  const store = new Store();
  createdTimes.forEach((created, i) => store.insert({ id: `cus_${i}`, object: "customer", created, even: i % 2 === 0 }));
  return store;
}
const ids = (page: { data: Array<{ id: string }> }) => page.data.map((o) => o.id);

describe("list pages", () => {
  it("read lazily from the newest end, filtered, in both directions", () => {
    const store = storeWith([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(store.isChronological("customer")).toBe(true);
    const evens = store.where("customer", (o) => o.even === true);
    const first = listOf(store, evens, { limit: "2" }, "/v1/customers");
    expect(ids(first)).toEqual(["cus_6", "cus_4"]);
    expect(first.has_more).toBe(true);
    const second = listOf(store, evens, { limit: "2", starting_after: "cus_4" }, "/v1/customers");
    expect(ids(second)).toEqual(["cus_2", "cus_0"]);
    expect(second.has_more).toBe(false);
    const back = listOf(store, evens, { limit: "1", ending_before: "cus_2" }, "/v1/customers");
    expect(ids(back)).toEqual(["cus_4"]);
    expect(back.has_more).toBe(true);
    expect(ids(listOf(store, evens, { created: { gte: "3", lt: "6" } }, "/v1/customers"))).toEqual(["cus_4", "cus_2"]);
  });

  it("fall back to sorting when objects were stored out of created order", () => {
    const store = storeWith([10, 30, 20]);
    expect(store.isChronological("customer")).toBe(false);
    const all = store.where("customer", () => true);
    expect(ids(listOf(store, all, {}, "/v1/customers"))).toEqual(["cus_1", "cus_2", "cus_0"]);
    expect(ids(listOf(store, all, { starting_after: "cus_1", limit: "1" }, "/v1/customers"))).toEqual(["cus_2"]);
  });
});
