import Stripe from "stripe";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sdk, startTestEmulator, stripeError, type TestEmulator } from "./helpers";

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

describe("errors", () => {
  it("401 without a key or with a bad one, in Stripe's shape", async () => {
    const none = await fetch(`${emu.url}/v1/customers`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { type: string } }).error.type).toBe("invalid_request_error");
    const bad = new Stripe("sk_live_nope", { host: "127.0.0.1", port: emu.port, protocol: "http", maxNetworkRetries: 0 });
    const err = await stripeError(() => bad.customers.list());
    expect(err.type).toBe("StripeAuthenticationError");
    expect(err.statusCode).toBe(401);
    expect(err.message).toMatch(/^Invalid API Key provided/);
    expect(err.requestId).toMatch(/^req_/);
  });

  it("404 resource_missing, 400 missing and invalid params, unknown URLs", async () => {
    const missing = await stripeError(() => stripe.customers.retrieve("cus_nope"));
    expect(missing).toMatchObject({ type: "StripeInvalidRequestError", statusCode: 404, code: "resource_missing", param: "id" });
    expect(missing.message).toBe("No such customer: 'cus_nope'");
    const noAmount = await stripeError(() => stripe.paymentIntents.create({ currency: "usd" } as Stripe.PaymentIntentCreateParams));
    expect(noAmount).toMatchObject({ statusCode: 400, code: "parameter_missing", param: "amount" });
    const badInt = await stripeError(() => stripe.paymentIntents.create({ amount: "ten" as unknown as number, currency: "usd" }));
    expect(badInt).toMatchObject({ statusCode: 400, param: "amount" });
    const badLimit = await stripeError(() => stripe.customers.list({ limit: 500 }));
    expect(badLimit.param).toBe("limit");
    const res = await emu.control("GET", "/v1/nothing_here");
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/^Unrecognized request URL/);
  });

  it("rejects parameters Stripe does not know, as Stripe does", async () => {
    const err = await stripeError(() => stripe.customers.create({ emial: "typo@example.com" } as Stripe.CustomerCreateParams));
    expect(err).toMatchObject({ statusCode: 400, param: "emial", message: "Received unknown parameter: emial" });
    const list = await stripeError(() => stripe.charges.list({ custmer: "cus_x" } as Stripe.ChargeListParams));
    expect(list.param).toBe("custmer");
  });

  it("every response carries a Request-Id", async () => {
    const customer = await stripe.customers.create();
    expect(customer.lastResponse.requestId).toMatch(/^req_/);
    expect(customer.lastResponse.headers["request-id"]).toBe(customer.lastResponse.requestId);
  });
});

describe("idempotency", () => {
  it("replays the first response with Idempotent-Replayed, errors included", async () => {
    const first = await stripe.customers.create({ email: "a@example.com" }, { idempotencyKey: "key-replay" });
    const second = await stripe.customers.create({ email: "a@example.com" }, { idempotencyKey: "key-replay" });
    expect(second.id).toBe(first.id);
    expect(second.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect(first.lastResponse.headers["idempotent-replayed"]).toBeUndefined();
    expect((await stripe.customers.list({ email: "a@example.com" })).data).toHaveLength(1);

    const declined = await stripeError(() => stripe.paymentIntents.create({ amount: 900, currency: "usd", payment_method: "pm_card_chargeDeclined", confirm: true }, { idempotencyKey: "key-decline" }));
    const replayed = await stripeError(() => stripe.paymentIntents.create({ amount: 900, currency: "usd", payment_method: "pm_card_chargeDeclined", confirm: true }, { idempotencyKey: "key-decline" }));
    expect(replayed.statusCode).toBe(402);
    expect((replayed.raw as { charge: string }).charge).toBe((declined.raw as { charge: string }).charge);
    expect(replayed.headers?.["idempotent-replayed"]).toBe("true");
  });

  it("rejects the same key with other parameters as idempotency_error", async () => {
    await stripe.customers.create({ email: "b@example.com" }, { idempotencyKey: "key-mismatch" });
    const err = await stripeError(() => stripe.customers.create({ email: "c@example.com" }, { idempotencyKey: "key-mismatch" }));
    expect(err.type).toBe("StripeIdempotencyError");
    expect(err.statusCode).toBe(400);
    expect(err.message).toContain("key-mismatch");
  });

  it("answers 409 while the first request with the key is still running", async () => {
    await emu.control("POST", "/_emulator/faults", { path: "/v1/customers", method: "POST", kind: "latency", latency_ms: 300, count: 1 });
    const slow = stripe.customers.create({ name: "slow" }, { idempotencyKey: "key-inflight" });
    await new Promise((r) => setTimeout(r, 100));
    const err = await stripeError(() => stripe.customers.create({ name: "slow" }, { idempotencyKey: "key-inflight" }));
    expect(err.statusCode).toBe(409);
    expect(err.code).toBe("idempotency_key_in_use");
    expect((await slow).name).toBe("slow");
  });

  it("does not store requests that fail validation", async () => {
    await stripeError(() => stripe.paymentIntents.create({ currency: "usd" } as Stripe.PaymentIntentCreateParams, { idempotencyKey: "key-invalid" }));
    const ok = await stripe.paymentIntents.create({ amount: 900, currency: "usd" }, { idempotencyKey: "key-invalid" });
    expect(ok.status).toBe("requires_payment_method");
  });
});

describe("faults", () => {
  it("injects 429, 500 and 503 with the error classes stripe-node maps them to", async () => {
    await emu.control("POST", "/_emulator/faults", { path: "/v1/customers*", kind: "status", status: 429, count: 1 });
    const limited = await stripeError(() => stripe.customers.list());
    expect(limited.type).toBe("StripeRateLimitError");
    expect(limited.statusCode).toBe(429);
    await emu.control("POST", "/_emulator/faults", { path: "/v1/customers", kind: "status", status: 503, count: 1 });
    expect((await stripeError(() => stripe.customers.list())).type).toBe("StripeAPIError");
    expect((await stripe.customers.list()).object).toBe("list");
  });

  it("a retrying client gets through a 500 and a dropped connection", async () => {
    const retrying = sdk(emu.port, { maxNetworkRetries: 2 });
    await emu.control("POST", "/_emulator/faults", { path: "/v1/customers", method: "POST", kind: "status", status: 500, count: 1 });
    await emu.control("POST", "/_emulator/faults", { path: "/v1/customers", method: "POST", kind: "drop", count: 1 });
    const customer = await retrying.customers.create({ name: "persistent" });
    expect(customer.name).toBe("persistent");
    const rules = await emu.control("GET", "/_emulator/faults");
    expect(rules.body.data.map((r: { fired: number }) => r.fired)).toEqual([1, 1]);
  });

  it("commit_then_drop does the work, and the retry with the same key is replayed", async () => {
    const retrying = sdk(emu.port, { maxNetworkRetries: 1 });
    await emu.control("POST", "/_emulator/faults", { path: "/v1/customers", method: "POST", kind: "commit_then_drop", count: 1 });
    const customer = await retrying.customers.create({ email: "once@example.com" });
    expect(customer.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect((await stripe.customers.list({ email: "once@example.com" })).data).toHaveLength(1);
  });

  it("probability 0 never fires", async () => {
    await emu.control("POST", "/_emulator/faults", { path: "*", kind: "status", status: 500, probability: 0 });
    expect((await stripe.customers.list()).object).toBe("list");
  });
});

describe("CORS for the Stripe.js stand-in", () => {
  const preflight = (url: string, origin: string) =>
    fetch(`${url}/v1/payment_methods`, {
      method: "OPTIONS",
      headers: { Origin: origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type" },
    });

  it("answers the app's origin only, not other local origins nor foreign ones", async () => {
    const app = await preflight(emu.url, "http://localhost:3000");
    expect(app.status).toBe(204);
    expect(app.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    expect(app.headers.get("access-control-allow-headers")).toMatch(/Authorization/);
    // Any sk_test_ key opens the emulator: another local page must not be able to read it.
    for (const origin of ["http://localhost:8080", "http://127.0.0.1:5173", "http://[::1]:3000", "https://evil.example"]) {
      expect((await preflight(emu.url, origin)).headers.get("access-control-allow-origin"), origin).toBeNull();
    }
  });

  it("answers the origin it is given instead, for a real request too", async () => {
    const other = await startTestEmulator({ appOrigins: ["http://127.0.0.1:4000"] });
    try {
      expect((await preflight(other.url, "http://localhost:3000")).headers.get("access-control-allow-origin")).toBeNull();
      const real = await fetch(`${other.url}/v1/payment_methods`, {
        method: "POST",
        headers: { Origin: "http://127.0.0.1:4000", Authorization: `Bearer ${other.keys.publishable}`, "Content-Type": "application/x-www-form-urlencoded" },
        body: "type=card&card[number]=4242424242424242&card[exp_month]=1&card[exp_year]=2040&card[cvc]=123",
      });
      expect(real.status).toBe(200);
      expect(real.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:4000");
    } finally {
      await other.close();
    }
  });
});
