// Stripe keeps the answer of a POST under its idempotency key once the endpoint began executing,
// a 500 included, and treats a 500's outcome as indeterminate: the work may or may not have been
// done (docs.stripe.com/error-low-level, "Server errors"). The fault `fail_while_executing` is that
// 500, inside the idempotency layer; `committed` says whether the work was done first.
import Stripe from "stripe";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SECRET_KEY, startTestEmulator, stripeError, type TestEmulator } from "./helpers";

let emu: TestEmulator;
let stripe: Stripe;
beforeAll(async () => {
  emu = await startTestEmulator();
  stripe = emu.stripe;
});
afterAll(() => emu.close());
afterEach(async () => {
  await emu.control("DELETE", "/_emulator/faults");
});

async function postCustomer(key: string, email: string): Promise<Response> {
  return fetch(`${emu.url}/v1/customers`, {
    method: "POST",
    headers: { Authorization: `Bearer ${SECRET_KEY}`, "Content-Type": "application/x-www-form-urlencoded", "Idempotency-Key": key },
    body: new URLSearchParams({ email }).toString(),
  });
}

async function customersWith(email: string): Promise<Stripe.Customer[]> {
  return (await stripe.customers.list({ email })).data;
}

describe("a 500 while executing is kept under the idempotency key", () => {
  it("after the work was done: the object exists, and the same key replays the same 500", async () => {
    const rule = await emu.control("POST", "/_emulator/faults", { path: "/v1/customers", method: "POST", kind: "fail_while_executing", committed: "true", count: 1 });
    expect(rule.status).toBe(200);
    const first = await postCustomer("stored-500-done", "done@example.com");
    expect(first.status).toBe(500);
    const firstBody = await first.text();
    expect(JSON.parse(firstBody)).toMatchObject({ error: { type: "api_error" } });
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(await customersWith("done@example.com")).toHaveLength(1);

    const again = await postCustomer("stored-500-done", "done@example.com");
    expect(again.status).toBe(500);
    expect(await again.text()).toBe(firstBody);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("original-request")).toBe(first.headers.get("request-id"));
    expect(await customersWith("done@example.com")).toHaveLength(1);
  });

  it("before any work: nothing exists, the same key still replays the 500, a new key runs the request", async () => {
    await emu.control("POST", "/_emulator/faults", { path: "/v1/customers", method: "POST", kind: "fail_while_executing", committed: "false", count: 1 });
    const first = await postCustomer("stored-500-none", "none@example.com");
    expect(first.status).toBe(500);
    expect(await customersWith("none@example.com")).toHaveLength(0);

    const again = await postCustomer("stored-500-none", "none@example.com");
    expect(again.status).toBe(500);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await customersWith("none@example.com")).toHaveLength(0);

    const fresh = await postCustomer("stored-500-none:2", "none@example.com");
    expect(fresh.status).toBe(200);
    expect(await customersWith("none@example.com")).toHaveLength(1);
  });

  it("tells clients not to retry a kept 500 (Stripe-Should-Retry: false), since its key only replays it", async () => {
    const retrying = new Stripe(SECRET_KEY, { host: "127.0.0.1", port: emu.port, protocol: "http", maxNetworkRetries: 2 });
    await emu.control("POST", "/_emulator/faults", { path: "/v1/customers", method: "POST", kind: "fail_while_executing", committed: "true", count: 1 });
    const err = await stripeError(() => retrying.customers.create({ email: "sdk@example.com" }, { idempotencyKey: "stored-500-sdk" }));
    expect(err).toMatchObject({ type: "StripeAPIError", statusCode: 500 });
    expect(err.headers?.["stripe-should-retry"]).toBe("false");
    // stripe-node obeyed the header: the one answer it got was the original, not a replay.
    expect(err.headers?.["idempotent-replayed"]).toBeUndefined();
    expect(await customersWith("sdk@example.com")).toHaveLength(1);
    const replay = await fetch(`${emu.url}/v1/customers`, {
      method: "POST",
      headers: { Authorization: `Bearer ${SECRET_KEY}`, "Content-Type": "application/x-www-form-urlencoded", "Idempotency-Key": "stored-500-sdk" },
      body: new URLSearchParams({ email: "sdk@example.com" }).toString(),
    });
    expect(replay.status).toBe(500);
    expect(replay.headers.get("stripe-should-retry")).toBe("false");
  });

  it("a request that fails validation is refused as usual and nothing is kept under its key", async () => {
    await emu.control("POST", "/_emulator/faults", { path: "/v1/customers", method: "POST", kind: "fail_while_executing", committed: "false", count: 1 });
    const invalid = await fetch(`${emu.url}/v1/customers`, {
      method: "POST",
      headers: { Authorization: `Bearer ${SECRET_KEY}`, "Content-Type": "application/x-www-form-urlencoded", "Idempotency-Key": "stored-500-invalid" },
      body: "emial=typo%40example.com",
    });
    expect(invalid.status).toBe(400);
    const corrected = await postCustomer("stored-500-invalid", "corrected@example.com");
    expect(corrected.status).toBe(200);
    expect(await customersWith("corrected@example.com")).toHaveLength(1);
  });

  it("a rate limit or a dropped connection stays in front of the key: the same key then runs the request", async () => {
    await emu.control("POST", "/_emulator/faults", { path: "/v1/customers", method: "POST", kind: "status", status: 429, count: 1 });
    expect((await postCustomer("front-429", "limited@example.com")).status).toBe(429);
    expect((await postCustomer("front-429", "limited@example.com")).status).toBe(200);
    await emu.control("POST", "/_emulator/faults", { path: "/v1/customers", method: "POST", kind: "drop", count: 1 });
    await expect(postCustomer("front-drop", "dropped@example.com")).rejects.toThrow();
    expect(await customersWith("dropped@example.com")).toHaveLength(0);
    const arrived = await postCustomer("front-drop", "dropped@example.com");
    expect(arrived.status).toBe(200);
    expect(arrived.headers.get("idempotent-replayed")).toBeNull();
  });

  it("without `committed` each firing picks one side, and the answer is the same 500 either way", async () => {
    await emu.control("POST", "/_emulator/faults", { path: "/v1/customers", method: "POST", kind: "fail_while_executing", count: 20 });
    const made: number[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await postCustomer(`stored-500-either-${i}`, `either-${i}@example.com`);
      expect(res.status).toBe(500);
      made.push((await customersWith(`either-${i}@example.com`)).length);
    }
    expect(made).toContain(0);
    expect(made).toContain(1);
  });

  it("a replay executes nothing, so the fault waits for the next request that executes", async () => {
    expect((await postCustomer("replayed-first", "replayed@example.com")).status).toBe(200);
    await emu.control("POST", "/_emulator/faults", { path: "/v1/customers", method: "POST", kind: "fail_while_executing", committed: "false", count: 1 });
    const replay = await postCustomer("replayed-first", "replayed@example.com");
    expect(replay.status).toBe(200);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect((await emu.control("GET", "/_emulator/faults")).body.data[0].fired).toBe(0);
    expect((await postCustomer("executes-next", "next@example.com")).status).toBe(500);
    expect((await emu.control("GET", "/_emulator/faults")).body.data[0].fired).toBe(1);
  });

  it("refuses an unknown `committed` value", async () => {
    const res = await emu.control("POST", "/_emulator/faults", { path: "/v1/customers", kind: "fail_while_executing", committed: "maybe" });
    expect(res.status).toBe(400);
  });
});
