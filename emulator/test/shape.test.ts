import { readFileSync } from "node:fs";
import path from "node:path";
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "./helpers";

// Stripe's own example objects (stripe-mock's fixtures3.json, MIT, see LICENSE-fixtures3).
const fixtures = (JSON.parse(readFileSync(path.join(__dirname, "fixtures", "fixtures3.json"), "utf8")) as { resources: Record<string, Record<string, unknown>> }).resources;

/** Keys the example shows that the API leaves out in our situation, each with Stripe's reason. */
const ABSENT_BY_DESIGN: Record<string, string[]> = {
  // Only Connect platforms have reserved funds (FACTS §13).
  balance: ["connect_reserved"],
};

/** Keys the API returns that the example lacks, each declared in stripe@23's own types. */
const PRESENT_BEYOND_EXAMPLE: Record<string, string[]> = {
  // `EarlyFraudWarning.payment_intent?: string | PaymentIntent` (resources/Radar/EarlyFraudWarnings.d.ts).
  "radar.early_fraud_warning": ["payment_intent"],
};

let emu: TestEmulator;
let stripe: Stripe;
const samples: Record<string, unknown> = {};

beforeAll(async () => {
  emu = await startTestEmulator();
  stripe = emu.stripe;
  const customer = await stripe.customers.create({ email: "shape@example.com" });
  const si = await stripe.setupIntents.create({ customer: customer.id, payment_method: "pm_card_visa", confirm: true });
  const pi = await stripe.paymentIntents.create({ amount: 5000, currency: "usd", customer: customer.id, payment_method: String(si.payment_method), confirm: true, off_session: true });
  const refund = await stripe.refunds.create({ payment_intent: pi.id, amount: 100 });
  const disputedPi = await stripe.paymentIntents.create({ amount: 5000, currency: "usd", payment_method: "pm_card_createDispute", confirm: true });
  const efwPi = await stripe.paymentIntents.create({ amount: 5000, currency: "usd", payment_method: "pm_card_createIssuerFraudRecord", confirm: true });
  const file = await stripe.files.create({ purpose: "dispute_evidence", file: { data: Buffer.from("%PDF-1.4\n%%EOF\n"), name: "e.pdf", type: "application/pdf" } });
  await stripe.paymentIntents.create({ amount: 50_000, currency: "usd", payment_method: "pm_card_bypassPending", confirm: true, capture_method: "automatic" });
  const payout = await stripe.payouts.create({ amount: 1000, currency: "usd" });
  const endpoint = await stripe.webhookEndpoints.create({ url: "http://127.0.0.1:9/x", enabled_events: ["*"] });
  const doomed = await stripe.customers.create();
  const token = await stripe.tokens.create({ card: { number: "4242424242424242", exp_month: "12", exp_year: "2034", cvc: "123" } } as Stripe.TokenCreateParams);

  samples.customer = await stripe.customers.retrieve(customer.id);
  samples.deleted_customer = await stripe.customers.del(doomed.id);
  samples.payment_method = await stripe.paymentMethods.retrieve(String(si.payment_method));
  samples.setup_intent = await stripe.setupIntents.retrieve(si.id);
  samples.payment_intent = await stripe.paymentIntents.retrieve(pi.id);
  // `refunds` is only returned when expanded (FACTS §13), so ask for it.
  samples.charge = await stripe.charges.retrieve(String(pi.latest_charge), { expand: ["refunds"] });
  samples.refund = await stripe.refunds.retrieve(refund.id);
  samples.dispute = (await stripe.disputes.list({ payment_intent: disputedPi.id })).data[0];
  samples.file = await stripe.files.retrieve(file.id);
  samples.payout = await stripe.payouts.retrieve(payout.id);
  samples.balance = await stripe.balance.retrieve();
  samples.balance_transaction = await stripe.balanceTransactions.retrieve(String(payout.balance_transaction));
  samples["radar.early_fraud_warning"] = (await stripe.radar.earlyFraudWarnings.list({ payment_intent: efwPi.id })).data[0];
  samples.event = (await stripe.events.list({ limit: 1 })).data[0];
  samples.webhook_endpoint = await stripe.webhookEndpoints.retrieve(endpoint.id);
  samples.token = await stripe.tokens.retrieve(token.id);
  samples.deleted_webhook_endpoint = await stripe.webhookEndpoints.del(endpoint.id);
});
afterAll(() => emu.close());

function keysOf(value: unknown): string[] {
  return Object.keys(value as object)
    .filter((k) => k !== "lastResponse")
    .sort();
}

describe("object shapes match Stripe's example objects", () => {
  const types = [
    "customer", "deleted_customer", "payment_method", "setup_intent", "payment_intent", "charge", "refund", "dispute",
    "file", "payout", "balance", "balance_transaction", "radar.early_fraud_warning", "event", "webhook_endpoint", "deleted_webhook_endpoint", "token",
  ];
  it.each(types)("%s has the same top-level keys", (type) => {
    const sample = samples[type];
    expect(sample, `no sample of ${type}`).toBeDefined();
    const fixture = fixtures[type];
    expect(fixture, `no fixture for ${type}`).toBeDefined();
    const expected = [...keysOf(fixture).filter((k) => !(ABSENT_BY_DESIGN[type] ?? []).includes(k)), ...(PRESENT_BEYOND_EXAMPLE[type] ?? [])].sort();
    expect(keysOf(sample)).toEqual(expected);
  });

  it("a token's card has the keys of Stripe's card object", () => {
    expect(keysOf((samples.token as Record<string, unknown>).card)).toEqual(keysOf((fixtures.token as Record<string, unknown>).card));
  });

  it("nested evidence and evidence_details keys of a dispute match too", () => {
    const dispute = samples.dispute as Record<string, unknown>;
    const fixture = fixtures.dispute as Record<string, unknown>;
    expect(keysOf(dispute.evidence)).toEqual(keysOf(fixture.evidence));
    expect(keysOf(dispute.evidence_details)).toEqual(keysOf(fixture.evidence_details));
  });
});
