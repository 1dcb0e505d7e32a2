import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ACCOUNT_API_VERSION } from "../core/versions";
import { SECRET_KEY, startTestEmulator, stripeError, type TestEmulator } from "./helpers";

let emu: TestEmulator;
let stripe: Stripe;
beforeAll(async () => {
  emu = await startTestEmulator();
  stripe = emu.stripe;
});
afterAll(() => emu.close());

describe("customers", () => {
  it("creates, updates metadata the Stripe way, lists by email and deletes", async () => {
    const customer = await stripe.customers.create({ email: "c@example.com", name: "Ada", metadata: { tier: "gold", keep: "1" }, address: { city: "Paris", country: "FR" } });
    expect(customer.id).toMatch(/^cus_/);
    expect(customer.address).toMatchObject({ city: "Paris", country: "FR", line1: null });
    const updated = await stripe.customers.update(customer.id, { name: "Ada L.", metadata: { tier: "", added: "x" } });
    expect(updated.metadata).toEqual({ keep: "1", added: "x" });
    const event = (await stripe.events.list({ type: "customer.updated", limit: 1 })).data[0]!;
    expect(event.data.previous_attributes).toEqual({ name: "Ada", metadata: { tier: "gold", keep: "1" } });
    expect(event.request).toMatchObject({ id: expect.stringMatching(/^req_/) });
    expect((await stripe.customers.list({ email: "c@example.com" })).data).toHaveLength(1);
    const deleted = await stripe.customers.del(customer.id);
    expect(deleted).toEqual(expect.objectContaining({ id: customer.id, deleted: true }));
    expect((await stripe.customers.retrieve(customer.id)).deleted).toBe(true);
    expect((await stripe.customers.list({ email: "c@example.com" })).data).toHaveLength(0);
  });
});

describe("payment methods", () => {
  it("attaches, lists by customer, sets the default and detaches", async () => {
    const customer = await stripe.customers.create();
    const visa = await stripe.paymentMethods.attach("pm_card_visa", { customer: customer.id });
    const mc = await stripe.paymentMethods.attach("pm_card_mastercard", { customer: customer.id });
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: mc.id } });
    const listed = await stripe.customers.listPaymentMethods(customer.id);
    expect(listed.data.map((p) => p.id)).toEqual([mc.id, visa.id]);
    expect((await stripe.paymentMethods.list({ customer: customer.id, type: "card" })).data).toHaveLength(2);
    const detached = await stripe.paymentMethods.detach(mc.id);
    expect(detached.customer).toBeNull();
    const after = (await stripe.customers.retrieve(customer.id)) as Stripe.Customer;
    expect(after.invoice_settings.default_payment_method).toBeNull();
    const types = (await stripe.events.list({ limit: 10 })).data.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["payment_method.attached", "payment_method.detached", "customer.updated"]));
    const twice = await stripeError(() => stripe.paymentMethods.detach(mc.id));
    expect(twice.code).toBe("payment_method_unexpected_state");
  });
});

describe("lists, pagination and expand", () => {
  it("pages newest first with limit, starting_after and ending_before, and auto-pagination", async () => {
    const created: string[] = [];
    for (let i = 0; i < 7; i++) created.push((await stripe.customers.create({ metadata: { batch: "pages" }, email: `p${i}@pages.test` })).id);
    const page1 = await stripe.customers.list({ limit: 3 });
    expect(page1).toMatchObject({ object: "list", has_more: true, url: "/v1/customers" });
    expect(page1.data.map((c) => c.id)).toEqual(created.slice(-3).reverse());
    const page2 = await stripe.customers.list({ limit: 3, starting_after: page1.data[2]!.id });
    expect(page2.data.map((c) => c.id)).toEqual(created.slice(1, 4).reverse());
    const back = await stripe.customers.list({ limit: 3, ending_before: page2.data[0]!.id });
    expect(back.data.map((c) => c.id)).toEqual(page1.data.map((c) => c.id));
    const all: string[] = [];
    for await (const c of stripe.customers.list({ limit: 2 })) all.push(c.id);
    expect(all.length).toBeGreaterThanOrEqual(7);
    expect(new Set(all).size).toBe(all.length);
    const both = await stripeError(() => stripe.customers.list({ starting_after: created[0], ending_before: created[1] }));
    expect(both.type).toBe("StripeInvalidRequestError");
  });

  it("filters by created", async () => {
    const now = Math.floor(Date.now() / 1000);
    const recent = await stripe.customers.list({ created: { gte: now - 60 }, limit: 100 });
    expect(recent.data.length).toBeGreaterThan(0);
    expect((await stripe.customers.list({ created: { lt: now - 3600 } })).data).toHaveLength(0);
  });

  it("expands on retrieve and on lists (data.…), nested up to four levels", async () => {
    const customer = await stripe.customers.create({ email: "x@expand.test" });
    const pi = await stripe.paymentIntents.create({ amount: 1000, currency: "usd", customer: customer.id, payment_method: "pm_card_visa", confirm: true, capture_method: "automatic" });
    const expanded = await stripe.paymentIntents.retrieve(pi.id, { expand: ["customer", "latest_charge.balance_transaction", "payment_method"] });
    expect((expanded.customer as Stripe.Customer).email).toBe("x@expand.test");
    expect(((expanded.latest_charge as Stripe.Charge).balance_transaction as Stripe.BalanceTransaction).object).toBe("balance_transaction");
    expect((expanded.payment_method as Stripe.PaymentMethod).card?.last4).toBe("4242");
    const list = await stripe.charges.list({ customer: customer.id, expand: ["data.customer", "data.payment_intent"] });
    expect((list.data[0]!.customer as Stripe.Customer).id).toBe(customer.id);
    expect((list.data[0]!.payment_intent as Stripe.PaymentIntent).id).toBe(pi.id);
    const res = await fetch(`${emu.url}/v1/payment_intents/${pi.id}?expand[]=customer`, { headers: { Authorization: `Bearer ${SECRET_KEY}` } });
    expect(((await res.json()) as { customer: { object: string } }).customer.object).toBe("customer");
    const bad = await stripeError(() => stripe.paymentIntents.retrieve(pi.id, { expand: ["nonsense"] }));
    expect(bad.param).toBe("expand");
  });
});

describe("events", () => {
  it("lists with type wildcards, types[] and delivery_success, and retrieves by id", async () => {
    const customer = await stripe.customers.create();
    await stripe.customers.update(customer.id, { name: "Evented" });
    const wildcard = await stripe.events.list({ type: "customer.*", limit: 100 });
    expect(wildcard.data.every((e) => e.type.startsWith("customer."))).toBe(true);
    const several = await stripe.events.list({ types: ["customer.created", "customer.updated"], limit: 2 });
    expect(several.data.map((e) => e.type)).toEqual(["customer.updated", "customer.created"]);
    const event = await stripe.events.retrieve(several.data[0]!.id);
    expect(event).toMatchObject({ object: "event", livemode: false, api_version: DEFAULT_ACCOUNT_API_VERSION, pending_webhooks: 0 });
    expect((await stripe.events.list({ delivery_success: true, limit: 1 })).data).toHaveLength(1);
    expect((await stripe.events.list({ delivery_success: false })).data).toHaveLength(0);
    const both = await stripeError(() => stripe.events.list({ type: "customer.created", types: ["customer.updated"] }));
    expect(both.param).toBe("types");
  });
});

describe("charges", () => {
  it("lists by payment intent and updates metadata with a charge.updated event", async () => {
    const pi = await stripe.paymentIntents.create({ amount: 1000, currency: "usd", payment_method: "pm_card_visa", confirm: true, capture_method: "automatic" });
    const charges = await stripe.charges.list({ payment_intent: pi.id });
    expect(charges.data).toHaveLength(1);
    const charge = charges.data[0]!;
    expect(charge).toMatchObject({ paid: true, captured: true, status: "succeeded", outcome: { type: "authorized", network_status: "approved_by_network" } });
    expect(charge.payment_method_details?.card).toMatchObject({ brand: "visa", last4: "4242" });
    const updated = await stripe.charges.update(charge.id, { metadata: { note: "vip" } });
    expect(updated.metadata).toEqual({ note: "vip" });
    expect((await stripe.events.list({ type: "charge.updated", limit: 1 })).data[0]?.data.previous_attributes).toEqual({ metadata: {} });
  });
});

describe("webhook endpoints", () => {
  it("creates with a secret shown once, updates, lists and deletes", async () => {
    const endpoint = await stripe.webhookEndpoints.create({ url: "http://127.0.0.1:9/hook", enabled_events: ["charge.succeeded"] });
    expect(endpoint.secret).toMatch(/^whsec_/);
    const fetched = await stripe.webhookEndpoints.retrieve(endpoint.id);
    expect(fetched.secret).toBeUndefined();
    const updated = await stripe.webhookEndpoints.update(endpoint.id, { enabled_events: ["*"], disabled: true });
    expect(updated).toMatchObject({ enabled_events: ["*"], status: "disabled" });
    expect((await stripe.webhookEndpoints.list()).data.map((e) => e.id)).toContain(endpoint.id);
    expect(await stripe.webhookEndpoints.del(endpoint.id)).toMatchObject({ id: endpoint.id, deleted: true });
    const gone = await stripeError(() => stripe.webhookEndpoints.retrieve(endpoint.id));
    expect(gone.statusCode).toBe(404);
  });
});
