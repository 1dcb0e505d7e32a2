import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../server";
import { sdk, startTestEmulator, TEST_KEYS, type TestEmulator } from "./helpers";

type Received = { body: string; signature: string; status: number };

let emu: TestEmulator;
let stripe: Stripe;
let receiver: http.Server;
let receiverUrl: string;
const received: Received[] = [];
let failNext = 0;

beforeAll(async () => {
  emu = await startTestEmulator({ webhookRetrySchedule: [50, 50, 50] });
  stripe = emu.stripe;
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const status = failNext > 0 ? 500 : 200;
      if (failNext > 0) failNext--;
      received.push({ body: Buffer.concat(chunks).toString("utf8"), signature: String(req.headers["stripe-signature"]), status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`;
});
afterAll(async () => {
  await emu.close();
  await new Promise((resolve) => receiver.close(resolve));
});

async function waitFor<T>(fn: () => T | undefined, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("webhook delivery", () => {
  it("delivers signed events that constructEvent accepts, retrying after a failed first attempt", async () => {
    const endpoint = await stripe.webhookEndpoints.create({ url: receiverUrl, enabled_events: ["customer.created", "payment_intent.succeeded"] });
    failNext = 1;
    const customer = await stripe.customers.create({ email: "hook@example.com" }, { idempotencyKey: "hook-key-1" });
    const deliveries = await waitFor(() => {
      const ok = received.filter((r) => r.body.includes(customer.id));
      return ok.length >= 2 ? ok : undefined;
    });
    expect(deliveries.map((d) => d.status)).toEqual([500, 200]);
    const [first] = deliveries as [Received, Received];
    for (const delivery of deliveries) {
      const event = stripe.webhooks.constructEvent(delivery.body, delivery.signature, String(endpoint.secret));
      expect(event.type).toBe("customer.created");
      expect((event.data.object as Stripe.Customer).id).toBe(customer.id);
      expect(event.request).toEqual({ id: expect.stringMatching(/^req_/), idempotency_key: "hook-key-1" });
    }
    expect(first.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64},v0=[0-9a-f]{64}$/);
    expect(() => stripe.webhooks.constructEvent(first.body, first.signature, "whsec_wrong")).toThrow(Stripe.errors.StripeSignatureVerificationError);

    const log = await emu.control("GET", "/_emulator/deliveries", { endpoint: endpoint.id });
    const attempts = log.body.data.filter((d: { type: string }) => d.type === "customer.created");
    expect(attempts.map((d: { attempt: number; status: number; succeeded: boolean }) => [d.attempt, d.status, d.succeeded])).toEqual([
      [1, 500, false],
      [2, 200, true],
    ]);
    const event = await stripe.events.retrieve(attempts[0].event);
    expect(event.pending_webhooks).toBe(0);

    // Only subscribed types are sent.
    await stripe.customers.update(customer.id, { name: "not subscribed" });
    await new Promise((r) => setTimeout(r, 150));
    expect(received.some((r) => JSON.parse(r.body).type === "customer.updated")).toBe(false);
    await stripe.webhookEndpoints.del(endpoint.id);
  });

  it("gives up after the retry schedule and reports the event as not delivered", async () => {
    const endpoint = await stripe.webhookEndpoints.create({ url: receiverUrl, enabled_events: ["*"] });
    failNext = 100;
    const customer = await stripe.customers.create();
    const attempts = await waitFor(() => {
      const hits = received.filter((r) => r.body.includes(customer.id) && JSON.parse(r.body).type === "customer.created");
      return hits.length >= 4 ? hits : undefined;
    });
    expect(attempts).toHaveLength(4);
    await new Promise((r) => setTimeout(r, 150));
    expect(received.filter((r) => r.body.includes(customer.id) && JSON.parse(r.body).type === "customer.created")).toHaveLength(4);
    const pending = await stripe.events.list({ delivery_success: false });
    expect(pending.data.map((e) => (e.data.object as { id: string }).id)).toContain(customer.id);
    failNext = 0;
    await stripe.webhookEndpoints.del(endpoint.id);
  });

  it("can shuffle and duplicate deliveries for receivers' tests", async () => {
    const config = await emu.control("POST", "/_emulator/webhooks/config", { shuffle: true, duplicate_rate: 1 });
    expect(config.body).toMatchObject({ shuffle: true, duplicateRate: 1 });
    const endpoint = await stripe.webhookEndpoints.create({ url: receiverUrl, enabled_events: ["customer.created"] });
    const customer = await stripe.customers.create();
    const copies = await waitFor(() => {
      const hits = received.filter((r) => r.body.includes(customer.id));
      return hits.length >= 2 ? hits : undefined;
    });
    expect(new Set(copies.map((c) => JSON.parse(c.body).id)).size).toBe(1);
    await emu.control("POST", "/_emulator/webhooks/config", { shuffle: false, duplicate_rate: 0 });
    await stripe.webhookEndpoints.del(endpoint.id);
  });

  it("delays shuffled deliveries up to the configured window, so a later event can arrive first", async () => {
    expect((await emu.control("POST", "/_emulator/webhooks/config", { shuffle_window_ms: 60_001 })).status).toBe(400);
    const config = await emu.control("POST", "/_emulator/webhooks/config", { shuffle: true, shuffle_window_ms: 1500 });
    expect(config.body).toMatchObject({ shuffle: true, shuffleWindowMs: 1500 });
    const endpoint = await stripe.webhookEndpoints.create({ url: receiverUrl, enabled_events: ["customer.created"] });
    const before = received.length;
    const created: string[] = [];
    for (let i = 0; i < 12; i++) created.push((await stripe.customers.create({ name: `shuffled ${i}` })).id);
    const arrived = await waitFor(() => {
      const order = received.slice(before).map((r) => created.findIndex((id) => r.body.includes(id))).filter((i) => i >= 0);
      return order.length >= created.length ? order : undefined;
    }, 10_000);
    // With up to 1.5 s of random delay each, twelve events created within milliseconds of one
    // another arriving in creation order has a chance of 1 in 12! (about 2 in a billion).
    expect(arrived).not.toEqual([...arrived].sort((a, b) => a - b));
    await emu.control("POST", "/_emulator/webhooks/config", { shuffle: false, shuffle_window_ms: 100 });
    await stripe.webhookEndpoints.del(endpoint.id);
  });

  it("signs with the fixed secret of an endpoint configured at start", async () => {
    const configured = await startEmulator({ port: 0, dataDir: null, keys: TEST_KEYS, webhookEndpoint: { url: receiverUrl, secret: "whsec_fixedForLocalRuns" } });
    try {
      const local = sdk(configured.port);
      expect((await local.webhookEndpoints.list()).data[0]).toMatchObject({ url: receiverUrl, enabled_events: ["*"], status: "enabled" });
      const customer = await local.customers.create({ name: "configured" });
      const delivery = await waitFor(() => received.find((r) => r.body.includes(customer.id)));
      const event = local.webhooks.constructEvent(delivery.body, delivery.signature, "whsec_fixedForLocalRuns");
      expect(event.type).toBe("customer.created");
    } finally {
      await configured.close();
    }
  });
});
