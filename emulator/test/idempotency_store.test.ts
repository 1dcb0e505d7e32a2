import { describe, expect, it } from "vitest";
import { beginIdempotent, finishIdempotent, MAX_IDEMPOTENCY_RECORDS, pruneIdempotency } from "../core/idempotency";
import { Store } from "../core/store";

describe("idempotency records", () => {
  it("forget the oldest beyond the cap, and anything older than 24 hours", () => {
    const store = new Store();
    const body = Buffer.from("a=1");
    for (let i = 0; i < MAX_IDEMPOTENCY_RECORDS + 5; i++) {
      const begun = beginIdempotent(store, `k${i}`, "POST", "/v1/customers", body, Date.now());
      if (begun.kind === "new") finishIdempotent(store, begun.record, 200, "{}", "req_1");
    }
    expect(store.idempotency.size).toBe(MAX_IDEMPOTENCY_RECORDS);
    expect(store.idempotency.has("k0")).toBe(false);
    expect(store.idempotency.has(`k${MAX_IDEMPOTENCY_RECORDS + 4}`)).toBe(true);
    const oldest = store.idempotency.values().next().value!;
    oldest.createdMs -= 25 * 60 * 60 * 1000;
    pruneIdempotency(store, Date.now());
    expect(store.idempotency.has(oldest.key)).toBe(false);
    expect(beginIdempotent(store, oldest.key, "POST", "/v1/other", body, Date.now()).kind).toBe("new");
  });
});
