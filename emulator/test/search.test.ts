import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, stripeError, type TestEmulator } from "./helpers";

let emu: TestEmulator;
let stripe: Stripe;
beforeAll(async () => {
  emu = await startTestEmulator();
  stripe = emu.stripe;
  // The query language is tested without Stripe's indexing lag; the last test puts it back.
  await emu.control("POST", "/_emulator/search/config", { lag_seconds: 0 });
});
afterAll(() => emu.close());

describe("search", () => {
  it("finds customers by exact email, substring, metadata and OR", async () => {
    const ada = await stripe.customers.create({ email: "Ada@Example.com", name: "Ada Lovelace", metadata: { plan: "pro" } });
    const bob = await stripe.customers.create({ email: "bob@example.com", name: "Bob", metadata: { plan: "free" } });
    expect((await stripe.customers.search({ query: 'email:"ada@example.com"' })).data.map((c) => c.id)).toEqual([ada.id]);
    expect((await stripe.customers.search({ query: 'name~"love"' })).data.map((c) => c.id)).toEqual([ada.id]);
    expect((await stripe.customers.search({ query: 'metadata["plan"]:"free"' })).data.map((c) => c.id)).toEqual([bob.id]);
    const either = await stripe.customers.search({ query: 'name:"Bob" OR metadata["plan"]:"pro"' });
    expect(either.data.map((c) => c.id).sort()).toEqual([ada.id, bob.id].sort());
    expect(either.object).toBe("search_result");
    const mixed = await stripeError(() => stripe.customers.search({ query: 'name:"a" AND email:"b" OR phone:"c"' }));
    expect(mixed.param).toBe("query");
    const unknown = await stripeError(() => stripe.customers.search({ query: 'shoe_size:"9"' }));
    expect(unknown.type).toBe("StripeInvalidRequestError");
  });

  it("finds charges by card last4, amount range, status and refunded state, with paging", async () => {
    const customer = await stripe.customers.create();
    for (const amount of [1000, 2000, 3000]) {
      await stripe.paymentIntents.create({ amount, currency: "usd", customer: customer.id, payment_method: "pm_card_mastercard", confirm: true });
    }
    const big = await stripe.charges.search({ query: `customer:"${customer.id}" amount>=2000 payment_method_details.card.last4:"4444"` });
    expect(big.data.map((c) => c.amount)).toEqual([3000, 2000]);
    const page1 = await stripe.charges.search({ query: `customer:"${customer.id}"`, limit: 2 });
    expect(page1.has_more).toBe(true);
    const page2 = await stripe.charges.search({ query: `customer:"${customer.id}"`, limit: 2, page: String(page1.next_page) });
    expect(page2.data.map((c) => c.amount)).toEqual([1000]);
    await stripe.refunds.create({ charge: page2.data[0]!.id, amount: 100 });
    const partly = await stripe.charges.search({ query: `customer:"${customer.id}" refunded:"false"` });
    expect(partly.data.map((c) => c.amount)).toEqual([1000]);
    const untouched = await stripe.charges.search({ query: `customer:"${customer.id}" -refunded:null`, expand: ["total_count"] });
    expect(untouched.total_count).toBe(1);
    const intents = await stripe.paymentIntents.search({ query: `status:"succeeded" customer:"${customer.id}"` });
    expect(intents.data).toHaveLength(3);
  });
});

describe("search lags behind writes, as Stripe's index does", () => {
  it("finds a new or changed object only a minute later, while list sees it at once", async () => {
    expect((await emu.control("POST", "/_emulator/search/config", { lag_seconds: -1 })).status).toBe(400);
    await emu.control("POST", "/_emulator/reset");
    const customer = await stripe.customers.create({ email: "lag@example.com", metadata: { order: "lag" } });
    const query = 'metadata["order"]:"lag"';
    expect((await stripe.customers.search({ query })).data).toEqual([]);
    expect((await stripe.customers.list({ email: "lag@example.com" })).data.map((c) => c.id)).toEqual([customer.id]);
    await emu.advance(59);
    expect((await stripe.customers.search({ query })).data).toEqual([]);
    await emu.advance(1);
    expect((await stripe.customers.search({ query })).data.map((c) => c.id)).toEqual([customer.id]);

    await stripe.customers.update(customer.id, { metadata: { order: "changed" } });
    expect((await stripe.customers.search({ query: 'metadata["order"]:"changed"' })).data).toEqual([]);
    await emu.advance(60);
    expect((await stripe.customers.search({ query: 'metadata["order"]:"changed"' })).data.map((c) => c.id)).toEqual([customer.id]);
  });
});
