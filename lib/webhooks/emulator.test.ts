import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { objectTimeline } from "@/lib/audit/timeline";
import { db } from "@/lib/db";
import { findPayout, reconcilePayout } from "@/lib/payouts/queries";
import { createStripeClient, setStripeClient, STRIPE_API_VERSION, type Stripe } from "@/lib/stripe/client";
import { useTestDatabase } from "@/tests/support/db";
import { backfillFromStripe } from "./backfill";
import { catchUpMissedEvents } from "./catch-up";
import { setUpWebhookEndpoint } from "./endpoint";
import { WEBHOOK_EVENT_TYPES } from "./projectors";
import { readStoredEndpoint } from "./settings";
import { stripeRecordDependencies } from "./stripe-facts";
import { startWebhookReceiver } from "@/tests/support/webhooks/receiver";
import { emptyWebhookTables, mirrorState } from "@/tests/support/webhooks/tables";
import { testEmulatorKeys } from "@/tests/support/emulator-control";

useTestDatabase();

let emulator: RunningEmulator;
let stripe: Stripe;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  // An account opened today: GET /v1/events (catch-up) reads in the SDK's version. Older accounts: api-version.test.ts.
  emulator = await startEmulator({ port: 0, dataDir: null, keys: testEmulatorKeys(), accountApiVersion: STRIPE_API_VERSION, webhookRetrySchedule: [100, 200, 400] });
  stripe = createStripeClient({ mode: "emulator", secretKey: emulator.keys.secret, emulatorUrl: emulator.url });
  setStripeClient(stripe);
  // Emulator mode: no secret in the environment, the one stored by the endpoint set-up signs.
  receiver = await startWebhookReceiver(() => ({ environmentSecrets: [], dependencies: stripeRecordDependencies() }));
});

afterAll(async () => {
  await receiver?.close();
  await emulator?.close();
  setStripeClient(null);
});

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every event the emulator emitted of a type we subscribe to, held and processed here. */
async function allSubscribedEventsProcessed(): Promise<number | false> {
  const subscribed = new Set<string>(WEBHOOK_EVENT_TYPES);
  const ids: string[] = [];
  for await (const event of stripe.events.list({ limit: 100 })) if (subscribed.has(event.type)) ids.push(event.id);
  const processed = await db().stripeEvent.count({ where: { id: { in: ids }, status: "processed" } });
  return processed === ids.length && ids.length > 0 ? ids.length : false;
}

describe("against the emulator", () => {
  it("sets up one endpoint, updates it in place on a second run, and stores its secret", async () => {
    const first = await setUpWebhookEndpoint(stripe, receiver.url, { needSecret: true });
    expect(first.action).toBe("created");
    expect(first.endpoint.secret).toMatch(/^whsec_/);
    expect(first.endpoint.url).toBe(`${receiver.url}/api/webhooks/stripe`);
    expect([...first.endpoint.enabledEvents].sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
    const second = await setUpWebhookEndpoint(stripe, receiver.url, { needSecret: true });
    expect(second).toMatchObject({ action: "updated", endpoint: { id: first.endpoint.id, secret: first.endpoint.secret } });
    expect((await stripe.webhookEndpoints.list()).data).toHaveLength(1);
    expect(await readStoredEndpoint()).toMatchObject({ id: first.endpoint.id });
  });

  it("mirrors a payment refunded twice, a saved card and a dispute from signed deliveries", async () => {
    // Deliveries shuffled and duplicated by the emulator, as Stripe may.
    const config = await fetch(`${emulator.url}/_emulator/webhooks/config`, {
      method: "POST",
      headers: { Authorization: `Bearer ${emulator.keys.secret}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: "shuffle=true&duplicate_rate=0.5",
    });
    expect(config.status).toBe(200);
    const customer = await stripe.customers.create({ email: "Mirror@Example.com", name: "Mirror Test" });
    const card = await stripe.paymentMethods.attach("pm_card_visa", { customer: customer.id });
    const payment = await stripe.paymentIntents.create({
      amount: 5000, currency: "usd", customer: customer.id, payment_method: card.id, confirm: true, off_session: true,
    });
    await stripe.refunds.create({ payment_intent: payment.id, amount: 1000 });
    await stripe.refunds.create({ payment_intent: payment.id, amount: 1500 });
    const disputed = await stripe.paymentIntents.create({ amount: 3000, currency: "usd", payment_method: "pm_card_createDispute", confirm: true });

    await until("every event processed", allSubscribedEventsProcessed);
    const chargeId = String(payment.latest_charge);
    const stripeCharge = await stripe.charges.retrieve(chargeId);
    const charge = await db().charge.findUniqueOrThrow({ where: { id: chargeId } });
    expect(charge).toMatchObject({ amountRefunded: BigInt(stripeCharge.amount_refunded), refunded: false, customerId: customer.id });
    expect(charge.amountRefunded).toBe(2500n);
    expect(await db().refund.count({ where: { chargeId } })).toBe(2);
    const row = await db().paymentIntent.findUniqueOrThrow({ where: { id: payment.id } });
    expect(row).toMatchObject({ status: "succeeded", amountRefunded: 2500n, customerEmail: "mirror@example.com", cardLast4: "4242" });
    expect(await db().paymentMethod.findUniqueOrThrow({ where: { id: card.id } })).toMatchObject({ customerId: customer.id });
    const dispute = await db().dispute.findFirstOrThrow({ where: { chargeId: String(disputed.latest_charge) } });
    expect(dispute.status).toBe("needs_response");
    expect(await db().paymentIntent.findUniqueOrThrow({ where: { id: disputed.id } })).toMatchObject({ disputed: true });
    const timeline = await objectTimeline([chargeId]);
    expect(timeline.filter((entry) => entry.source === "stripe").length).toBeGreaterThanOrEqual(4);
  });

  it("links an automatic payout's transactions once Stripe has reconciled it, and never asks for a manual payout's", async () => {
    // Captured synchronously, so the funds are in the balance before the payout asks for them.
    await stripe.paymentIntents.create({ amount: 50000, currency: "usd", payment_method: "pm_card_bypassPending", confirm: true, capture_method: "automatic" });
    const manual = await stripe.payouts.create({ amount: 2000, currency: "usd" });
    const advance = (seconds: number) =>
      fetch(`${emulator.url}/_emulator/clock/advance`, {
        method: "POST",
        headers: { Authorization: `Bearer ${emulator.keys.secret}`, "Content-Type": "application/x-www-form-urlencoded" },
        body: `seconds=${seconds}`,
      });
    // Past the next midnight the schedule pays out the rest; then on to the moment it arrives.
    await advance(86_400);
    const scheduled = (await stripe.payouts.list({ limit: 100 })).data.find((p) => p.automatic);
    expect(scheduled).toBeDefined();
    const clock = (await (await fetch(`${emulator.url}/_emulator/clock`, { headers: { Authorization: `Bearer ${emulator.keys.secret}` } })).json()) as { now: number };
    await advance(scheduled!.arrival_date - clock.now + 1);
    const automatic = await stripe.payouts.retrieve(scheduled!.id);
    expect(automatic).toMatchObject({ status: "paid", reconciliation_status: "in_progress" });
    expect((await stripe.payouts.retrieve(manual.id)).status).toBe("paid");

    // Paid but not reconciled: nothing is linked and the page must not call that a mismatch.
    await until("payout.paid handled", async () => {
      const event = await db().stripeEvent.findFirst({ where: { objectId: automatic!.id, type: "payout.paid", status: { in: ["processed", "failed"] } } });
      return event ?? undefined;
    });
    expect((await db().payout.findUniqueOrThrow({ where: { id: automatic!.id } })).balanceTransactionsLinkedAt).toBeNull();
    expect(await reconcilePayout((await findPayout(automatic!.id))!)).toMatchObject({ linked: false, matches: false });

    await advance(3_600);
    const row = await until("the automatic payout linked", async () => {
      const found = await db().payout.findUnique({ where: { id: automatic!.id } });
      return found?.balanceTransactionsLinkedAt ? found : undefined;
    });
    const atStripe = (await stripe.balanceTransactions.list({ payout: automatic!.id, limit: 100 })).data.map((bt) => bt.id).sort();
    const linked = (await db().balanceTransaction.findMany({ where: { payoutId: automatic!.id } })).map((bt) => bt.id).sort();
    expect(atStripe.length).toBeGreaterThan(0);
    expect(linked).toEqual(atStripe);
    expect(row.reconciliationStatus).toBe("completed");
    expect(await reconcilePayout((await findPayout(automatic!.id))!)).toMatchObject({ linked: true, matches: true });

    // The manual payout's events are processed, not failed on a question Stripe refuses to answer.
    const manualRow = await until("the manual payout mirrored as paid", async () => {
      const found = await db().payout.findUnique({ where: { id: manual.id } });
      return found?.status === "paid" ? found : undefined;
    });
    expect(manualRow.balanceTransactionsLinkedAt).toBeNull();
    const manualEvents = await db().stripeEvent.findMany({ where: { objectId: manual.id } });
    expect(manualEvents.length).toBeGreaterThan(0);
    expect(manualEvents.filter((e) => e.status !== "processed").map((e) => [e.type, e.status, e.lastError])).toEqual([]);
    expect(await reconcilePayout((await findPayout(manual.id))!)).toMatchObject({ itemised: false, linked: false, matches: false });
  });

  it("marks a customer deleted at Stripe as deleted, from the customer.deleted delivery", async () => {
    const customer = await stripe.customers.create({ email: "leaving@example.com", name: "Leaving Soon" });
    await until("the customer mirrored", () => db().customer.findUnique({ where: { id: customer.id } }).then((row) => row ?? undefined));
    await stripe.customers.del(customer.id);
    const row = await until("the deletion mirrored", async () => {
      const found = await db().customer.findUnique({ where: { id: customer.id } });
      return found?.deleted ? found : undefined;
    });
    expect(row).toMatchObject({ email: "leaving@example.com", deleted: true });
  });

  it("catches up missed events from GET /v1/events into the same tables", async () => {
    // Advancing the clock above made Stripe send more (ARNs, payouts): let those land first.
    await until("every event processed", allSubscribedEventsProcessed);
    const delivered = await mirrorState();
    await emptyWebhookTables();
    const progress = await catchUpMissedEvents(stripe, stripeRecordDependencies());
    expect(progress.failed).toBe(0);
    expect(progress.recorded).toBeGreaterThan(0);
    const caughtUp = await mirrorState();
    // Catch-up also stores the types we do not subscribe to (acknowledged as ignored).
    // A balance transaction turns from pending to available with time and no event, so its status
    // is whatever it was when it was read; every other field must be equal.
    const subscribed = (state: Record<string, unknown[]>) => {
      const { stripe_events: _e, stripe_event_objects: _o, ...mirrors } = state;
      const timeless = (row: unknown) => {
        const { status: _s, data, ...rest } = row as { status?: unknown; data?: Record<string, unknown> };
        const { status: _d, ...dataRest } = data ?? {};
        return { ...rest, data: dataRest };
      };
      return { ...mirrors, balance_transactions: (mirrors.balance_transactions ?? []).map(timeless) };
    };
    expect(subscribed(caughtUp)).toEqual(subscribed(delivered));
    const again = await catchUpMissedEvents(stripe, stripeRecordDependencies());
    expect(again.recorded).toBe(0);
  });

  it("backfills through the list APIs, resumably", async () => {
    await emptyWebhookTables();
    const lines: string[] = [];
    const results = await backfillFromStripe(stripe, (p) => lines.push(`${p.resource} ${p.copied}`), { pageSize: 2 });
    expect(results.every((r) => r.finished)).toBe(true);
    expect(await db().customer.count()).toBe(1);
    expect(await db().charge.count()).toBe(3);
    expect(await db().refund.count()).toBe(2);
    expect(await db().paymentMethod.count()).toBe(1);
    expect(lines.length).toBeGreaterThan(5);
    // Reconciled automatic payouts found by the backfill get their balance transactions linked too;
    // the manual one is left alone, as Stripe cannot itemise it.
    expect(await db().payout.count({ where: { automatic: false, balanceTransactionsLinkedAt: { not: null } } })).toBe(0);
    const paid = await db().payout.findFirstOrThrow({ where: { status: "paid", automatic: true } });
    expect(paid.balanceTransactionsLinkedAt).not.toBeNull();
    expect(await db().balanceTransaction.count({ where: { payoutId: paid.id } })).toBeGreaterThan(0);
    // A second run resumes from finished cursors and copies nothing again.
    const rerun = await backfillFromStripe(stripe, () => {}, { pageSize: 2 });
    expect(rerun.filter((r) => r.resource !== "payout_links").map((r) => r.copied)).toEqual(
      results.filter((r) => r.resource !== "payout_links").map((r) => r.copied),
    );
  });
});
