import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_VERSION } from "../core/world";
import { startTestEmulator, type TestEmulator } from "./helpers";

// Every object the emulator hands out, in every state a short history puts it in, must carry every
// key Stripe's own example of its type carries (fixtures3.json, stripe-mock's, MIT), at every depth.
// Extra keys are allowed here (shape.test.ts holds the top level to the SDK's types).
const fixtures = (JSON.parse(readFileSync(path.join(__dirname, "fixtures", "fixtures3.json"), "utf8")) as { resources: Record<string, unknown> }).resources;

/** Paths (type.key.key, `[]` for array elements) Stripe leaves out in our situation, with why. */
const OMITTED: Record<string, string> = {
  "charge.refunds": "returned only when expanded since 2022-11-15 (FACTS §13); the example shows it inline",
  "balance.connect_reserved": "only Connect platforms have reserved funds (FACTS §13)",
};
/** Maps whose keys are the merchant's or the example's own data, not part of the shape. */
const FREE_FORM = new Set(["metadata"]);
/** Types served only inside another object, where that object's example is the one to match. */
const NESTED_ONLY: Record<string, string> = {
  card: "served only as a token's card, checked as token.card: Stripe's token example shows that card without `customer`",
};
/** Answers to a deletion (`deleted: true`), each its own smaller type in the examples. */
const DELETIONS = ["deleted_customer", "deleted_webhook_endpoint"];
/** `event.data.object` is an object of its own type, checked against that type's example instead. */
const EVENT_OBJECT = "event.data.object";

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Key paths the example has and `sample` lacks. Null on either side ends the walk there. */
export function missingKeys(sample: unknown, example: unknown, at: string): string[] {
  if (Array.isArray(example) && Array.isArray(sample)) {
    // Where the example's array is empty, an element that names its type is held to that type's example.
    return sample.flatMap((s) => {
      const own = isRecord(s) && typeof s.object === "string" ? fixtures[s.object] : undefined;
      return example.length > 0 ? missingKeys(s, example[0], `${at}[]`) : own ? missingKeys(s, own, `${at}[]`) : [];
    });
  }
  if (!isRecord(example) || !isRecord(sample)) return [];
  return Object.keys(example).flatMap((key) => {
    const here = `${at}.${key}`;
    if (here in OMITTED || here === EVENT_OBJECT) return [];
    if (!(key in sample)) return [here];
    return FREE_FORM.has(key) ? [] : missingKeys(sample[key], example[key], here);
  });
}

/** The types of object the emulator makes: its `object: "…"` literals outside the tests. */
function typesServed(): string[] {
  const root = path.join(__dirname, "..");
  const found = new Set<string>();
  const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts") && !f.startsWith("test"));
  for (const file of files) {
    for (const m of readFileSync(path.join(root, file), "utf8").matchAll(/object: "([a-z_.]+)"/g)) found.add(m[1]!);
  }
  // Envelopes, not objects (a list and a search result wrap objects checked on their own), and the
  // control API's own objects, which Stripe has no counterpart of.
  return [...found].filter((t) => t !== "list" && t !== "search_result" && !t.startsWith("emulator.")).sort();
}

let emu: TestEmulator;
const seen = new Map<string, unknown[]>();

function add(object: unknown): void {
  const { object: kind, deleted } = object as { object?: unknown; deleted?: unknown };
  // A deletion answers with its own, smaller type of object (`deleted_customer` in the examples).
  const type = deleted === true ? `deleted_${String(kind)}` : String(kind);
  seen.set(type, [...(seen.get(type) ?? []), JSON.parse(JSON.stringify(object)) as unknown]);
}

async function fails(p: Promise<unknown>): Promise<void> {
  await p.then(() => { throw new Error("expected a Stripe error"); }, () => undefined);
}

beforeAll(async () => {
  // Events are read in the account's default version; the example objects are today's shapes.
  emu = await startTestEmulator({ accountApiVersion: API_VERSION });
  const stripe: Stripe = emu.stripe;
  const customer = await stripe.customers.create({ email: "shape@example.com", metadata: { order: "1" } });
  const si = await stripe.setupIntents.create({ customer: customer.id, payment_method: "pm_card_visa", confirm: true });
  const pi = await stripe.paymentIntents.create({ amount: 5000, currency: "usd", customer: customer.id, payment_method: String(si.payment_method), confirm: true, off_session: true });
  await stripe.refunds.create({ payment_intent: pi.id, amount: 100 });
  await fails(stripe.paymentIntents.create({ amount: 700, currency: "usd", payment_method: "pm_card_chargeDeclinedInsufficientFunds", confirm: true }));
  await stripe.paymentIntents.create({ amount: 900, currency: "eur", payment_method: "pm_card_visa", capture_method: "manual", confirm: true });
  await stripe.paymentIntents.create({ amount: 900, currency: "usd", payment_method: "pm_card_authenticationRequired", confirm: true });
  const pending = await stripe.paymentIntents.create({ amount: 1200, currency: "usd", payment_method: "pm_card_refundFail", confirm: true });
  await stripe.refunds.create({ payment_intent: pending.id });
  await stripe.paymentIntents.create({ amount: 5000, currency: "usd", payment_method: "pm_card_createDispute", confirm: true });
  await stripe.paymentIntents.create({ amount: 5000, currency: "usd", payment_method: "pm_card_createIssuerFraudRecord", confirm: true });
  await stripe.files.create({ purpose: "dispute_evidence", file: { data: Buffer.from("%PDF-1.4\n%%EOF\n"), name: "e.pdf", type: "application/pdf" } });
  await stripe.paymentIntents.create({ amount: 50_000, currency: "usd", payment_method: "pm_card_bypassPending", confirm: true, capture_method: "automatic" });
  await stripe.payouts.create({ amount: 1000, currency: "usd" });
  const endpoint = await stripe.webhookEndpoints.create({ url: "http://127.0.0.1:9/x", enabled_events: ["*"], api_version: API_VERSION });
  add(await stripe.customers.del((await stripe.customers.create()).id));
  const token = await stripe.tokens.create({ card: { number: "4242424242424242", exp_month: "12", exp_year: "2034", cvc: "123" } } as Stripe.TokenCreateParams);
  // A day on: balance transactions attached, refunds settled or failed, ARNs issued, payouts paid.
  await emu.advance(2 * 86_400);

  const all = { limit: 100 } as const;
  for (const list of [
    stripe.customers.list(all), stripe.paymentMethods.list({ ...all, customer: customer.id }), stripe.setupIntents.list(all),
    stripe.paymentIntents.list(all), stripe.charges.list(all), stripe.refunds.list(all), stripe.disputes.list(all),
    stripe.files.list(all), stripe.payouts.list(all), stripe.balanceTransactions.list(all),
    stripe.radar.earlyFraudWarnings.list(all), stripe.webhookEndpoints.list(all), stripe.events.list(all),
  ]) {
    for (const object of (await list).data) add(object);
  }
  for (const event of seen.get("event") ?? []) add((event as Stripe.Event).data.object);
  add(await stripe.balance.retrieve());
  const savedToken = await stripe.tokens.retrieve(token.id);
  add(savedToken);
  add(await stripe.webhookEndpoints.del(endpoint.id));
}, 60_000);
afterAll(() => emu.close());

describe("every object the emulator serves has every key of Stripe's example", () => {
  const checked = [...typesServed().filter((t) => !(t in NESTED_ONLY)), ...DELETIONS];

  it("the history below produces an object of every type the resources make, and each is checked", () => {
    expect(checked.length).toBeGreaterThan(10);
    for (const type of checked) expect(seen.get(type)?.length ?? 0, `no ${type} was served`).toBeGreaterThan(0);
    expect([...seen.keys()].filter((t) => !checked.includes(t))).toEqual([]);
  });

  it.each(checked)("%s", (type) => {
    const example = fixtures[type];
    expect(example, `no example of ${type}`).toBeDefined();
    const missing = new Set((seen.get(type) ?? []).flatMap((object) => missingKeys(object, example, type)));
    expect([...missing]).toEqual([]);
  });

  it("a dispute names the network its charge was processed on, and a charge's transaction link id is null", () => {
    const charges = new Map((seen.get("charge") as Stripe.Charge[]).map((c) => [c.id, c]));
    const disputes = seen.get("dispute") as Stripe.Dispute[];
    expect(disputes.length).toBeGreaterThan(0);
    for (const dispute of disputes) {
      expect(dispute.payment_method_details?.card?.network).toBe(charges.get(String(dispute.charge))?.payment_method_details?.card?.network);
    }
    for (const charge of charges.values()) expect(charge.payment_method_details?.card?.transaction_link_id).toBeNull();
  });

  it("walks nested objects and arrays, so a missing key deep down is found", () => {
    const example = { a: { b: [{ c: 1, d: 2 }] }, metadata: { x: 1 } };
    expect(missingKeys({ a: { b: [{ c: 1, d: 2 }, { c: 1 }] }, metadata: {} }, example, "t")).toEqual(["t.a.b[].d"]);
    expect(missingKeys({ a: null }, example, "t")).toEqual(["t.metadata"]);
    expect(missingKeys({ a: { b: [] }, metadata: { y: 2 } }, example, "t")).toEqual([]);
    const { id: _id, ...payoutWithoutId } = fixtures.payout as Record<string, unknown>;
    expect(missingKeys({ items: [payoutWithoutId] }, { items: [] }, "t")).toEqual(["t.items[].id"]);
  });
});
