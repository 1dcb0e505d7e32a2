import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_VERSION } from "../core/world";
import { startTestEmulator, stripeError, type LooseJson, type TestEmulator } from "./helpers";

// Stripe renders each event in the API version of the endpoint that receives it; an endpoint
// created without one gets the account's default, which here is 2020-03-02 (an account opened
// then). The real 2020-03-02 payloads in fixtures/events-2020-03-02 are the reference.

const OLD = "2020-03-02";
const fixture = (name: string): LooseJson =>
  JSON.parse(readFileSync(path.join(__dirname, "fixtures", "events-2020-03-02", `${name}.json`), "utf8"));

let emu: TestEmulator;
let stripe: Stripe;
let receiver: http.Server;
const received: Array<{ path: string; event: LooseJson }> = [];
let base: string;
let oldEndpoint: Stripe.WebhookEndpoint;
let pinnedEndpoint: Stripe.WebhookEndpoint;

beforeAll(async () => {
  emu = await startTestEmulator();
  stripe = emu.stripe;
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ path: req.url ?? "", event: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  oldEndpoint = await stripe.webhookEndpoints.create({ url: `${base}/old`, enabled_events: ["*"] });
  pinnedEndpoint = await stripe.webhookEndpoints.create({ url: `${base}/pinned`, enabled_events: ["*"], api_version: API_VERSION });
});
afterAll(async () => {
  await emu.close();
  await new Promise((resolve) => receiver.close(resolve));
});

async function deliveries(where: string, type: string, objectId: string, count = 1): Promise<LooseJson[]> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const hits = received.filter((r) => r.path === where && r.event.type === type && r.event.data.object.id === objectId).map((r) => r.event);
    if (hits.length >= count) return hits;
    if (Date.now() > deadline) throw new Error(`no ${type} for ${objectId} at ${where}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function settle(): Promise<void> {
  await new Promise((r) => setTimeout(r, 200));
}

const keys = (o: object) => Object.keys(o).sort();

describe("webhook endpoints and API versions", () => {
  it("leaves api_version null on an endpoint created without one, and keeps the one given", () => {
    expect(oldEndpoint.api_version).toBeNull();
    expect(pinnedEndpoint.api_version).toBe(API_VERSION);
  });

  it("refuses an API version Stripe does not have", async () => {
    const err = await stripeError(() =>
      stripe.webhookEndpoints.create({ url: `${base}/x`, enabled_events: ["*"], api_version: "2019-13-01" as Stripe.WebhookEndpointCreateParams.ApiVersion }),
    );
    expect(err).toMatchObject({ statusCode: 400, type: "StripeInvalidRequestError", param: "api_version" });
  });

  it("refuses to change an endpoint's API version on update: a new endpoint is the only way", async () => {
    const err = await stripeError(() =>
      stripe.webhookEndpoints.update(oldEndpoint.id, { api_version: API_VERSION } as Stripe.WebhookEndpointUpdateParams),
    );
    expect(err).toMatchObject({ statusCode: 400, message: "Received unknown parameter: api_version", param: "api_version" });
    expect((await stripe.webhookEndpoints.retrieve(oldEndpoint.id)).api_version).toBeNull();
  });
});

describe("one event, rendered per endpoint", () => {
  let pi: Stripe.PaymentIntent;
  let refund: Stripe.Refund;

  beforeAll(async () => {
    pi = await stripe.paymentIntents.create({ amount: 2500, currency: "usd", payment_method: "pm_card_visa", confirm: true });
    refund = await stripe.refunds.create({ payment_intent: pi.id, amount: 1000 });
  });

  it("stamps each copy with its endpoint's version: the account default without one, its own with one", async () => {
    const [old] = await deliveries("/old", "payment_intent.succeeded", pi.id);
    const [pinned] = await deliveries("/pinned", "payment_intent.succeeded", pi.id);
    expect(old.id).toBe(pinned.id);
    expect(old.api_version).toBe(OLD);
    expect(pinned.api_version).toBe(API_VERSION);
  });

  it("lists a PaymentIntent's charges, without latest_charge, before 2022-11-15", async () => {
    const [old] = await deliveries("/old", "payment_intent.succeeded", pi.id);
    const [pinned] = await deliveries("/pinned", "payment_intent.succeeded", pi.id);
    expect(pinned.data.object).toMatchObject({ latest_charge: pi.latest_charge });
    expect(pinned.data.object).not.toHaveProperty("charges");
    expect(old.data.object).not.toHaveProperty("latest_charge");
    expect(old.data.object.charges).toMatchObject({ object: "list", has_more: false, total_count: 1, url: `/v1/charges?payment_intent=${pi.id}` });
    expect(old.data.object.charges.data[0]).toMatchObject({ id: pi.latest_charge, object: "charge", amount: 2500, refunds: { object: "list", data: [] } });
  });

  it("sends charge.refunded with the refunds embedded, and no refund.created, to a 2020-03-02 endpoint", async () => {
    const chargeId = String(pi.latest_charge);
    const [oldRefunded] = await deliveries("/old", "charge.refunded", chargeId);
    const [pinnedRefunded] = await deliveries("/pinned", "charge.refunded", chargeId);
    await deliveries("/pinned", "refund.created", refund.id);
    await settle();
    expect(received.filter((r) => r.path === "/old" && r.event.type.startsWith("refund."))).toEqual([]);
    expect(pinnedRefunded.data.object).not.toHaveProperty("refunds");
    expect(oldRefunded.data.object.refunds).toMatchObject({ object: "list", total_count: 1, url: `/v1/charges/${chargeId}/refunds` });
    expect(oldRefunded.data.object.refunds.data.map((r: LooseJson) => r.id)).toEqual([refund.id]);

    // Against Stripe's own 2020-03-02 charge.refunded: every key of its embedded refund is there,
    // and of the charge's keys only those of features the emulator has no part of are missing.
    const real = fixture("charge_refunded").data.object;
    expect(keys(oldRefunded.data.object.refunds)).toEqual(keys(real.refunds));
    const missingFromRefund = keys(real.refunds.data[0]).filter((k) => !(k in oldRefunded.data.object.refunds.data[0]));
    expect(missingFromRefund).toEqual([]);
    const missingFromCharge = keys(real).filter((k) => !(k in oldRefunded.data.object));
    // Fields later versions took off the charge, for features the emulator has no part of (Connect
    // destinations, Orders, Invoices) or that the app does not read (the dispute's id; `disputed`).
    expect(missingFromCharge).toEqual(["destination", "dispute", "invoice", "order"]);
  });

  it("counts in pending_webhooks only the endpoints an event is sent to", async () => {
    const [pinnedCreated] = await deliveries("/pinned", "refund.created", refund.id);
    const log = await emu.control("GET", "/_emulator/deliveries", { event: pinnedCreated.id });
    expect(log.body.data.map((d: LooseJson) => d.endpoint)).toEqual([pinnedEndpoint.id]);
  });

  it("lists events in the account's default version, without the refund events that version lacks", async () => {
    const listed = await stripe.events.list({ limit: 100 });
    expect(new Set(listed.data.map((e) => e.api_version))).toEqual(new Set([OLD]));
    expect(listed.data.filter((e) => e.type.startsWith("refund."))).toEqual([]);
    const succeeded = listed.data.find((e) => e.type === "payment_intent.succeeded")!;
    expect(succeeded.data.object).toHaveProperty("charges");
    expect((await stripe.events.retrieve(succeeded.id)).api_version).toBe(OLD);
  });
});

describe("an account whose default is the SDK's version", () => {
  it("lists its events in that version, refund events for charges included", async () => {
    const modern = await startTestEmulator({ accountApiVersion: API_VERSION });
    try {
      const pi = await modern.stripe.paymentIntents.create({ amount: 900, currency: "eur", payment_method: "pm_card_visa", confirm: true });
      await modern.stripe.refunds.create({ payment_intent: pi.id });
      const listed = await modern.stripe.events.list({ limit: 100 });
      expect(new Set(listed.data.map((e) => e.api_version))).toEqual(new Set([API_VERSION]));
      expect(listed.data.map((e) => e.type)).toContain("refund.created");
    } finally {
      await modern.close();
    }
  });
});
