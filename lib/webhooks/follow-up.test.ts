import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { stripeWebhooks } from "@/lib/stripe/client";
import { useTestDatabase } from "@/tests/support/db";
import { T0, exampleObject, stripeEvent } from "@/tests/support/webhooks/events";
import { payoutFailing } from "@/tests/support/webhooks/scenarios";
import { emptyWebhookTables } from "@/tests/support/webhooks/tables";
import { receiveStripeWebhook, type ReceiveContext } from "./receive";
import type { RecordDependencies } from "./record";
import { projectQueuedEvents, retryDueEvents } from "./retry";
import { unsettledEventCount } from "./settled";
import type { StripeObject } from "./stripe-object";

useTestDatabase();

const SECRET = "whsec_test_follow_up";
const signer = stripeWebhooks();
afterEach(async () => emptyWebhookTables());

function signed(event: unknown): Request {
  const body = JSON.stringify(event);
  return new Request("http://localhost/api/webhooks/stripe", {
    method: "POST",
    body,
    headers: { "content-type": "application/json", "stripe-signature": signer.generateTestHeaderString({ payload: body, secret: SECRET }) },
  });
}

/** A Stripe that counts its calls, so a test can tell whether a delivery waited on it. */
function countingStripe(answers: { payouts?: Record<string, StripeObject[]>; transactions?: Record<string, StripeObject> }, up = { value: true }) {
  const calls = { value: 0 };
  const dependencies: RecordDependencies = {
    fetchPayoutBalanceTransactions: async (id) => {
      calls.value++;
      if (!up.value) throw new Error("connect ECONNREFUSED");
      return answers.payouts?.[id] ?? [];
    },
    fetchBalanceTransaction: async (id) => {
      calls.value++;
      if (!up.value) throw new Error("connect ECONNREFUSED");
      const found = answers.transactions?.[id];
      if (!found) throw new Error(`No such balance transaction: ${id}`);
      return found;
    },
  };
  return { calls, dependencies };
}

function laterContext(dependencies: RecordDependencies, onQueued?: () => void): ReceiveContext {
  return { environmentSecrets: [SECRET], dependencies, stripeWork: "later", onQueued };
}

describe("a delivery whose projection needs Stripe, at a webhook entry point", () => {
  it("is stored and answered without a call to Stripe, then projected by the follow-up worker", async () => {
    const scenario = payoutFailing();
    const paid = scenario.events.find((e) => e.type === "payout.paid")!;
    const stripe = countingStripe({ payouts: scenario.payoutBalanceTransactions });
    let kicks = 0;
    const response = await receiveStripeWebhook(signed(paid), laterContext(stripe.dependencies, () => kicks++));
    expect(await response.json()).toEqual({ received: true, status: "queued" });
    expect({ calls: stripe.calls.value, kicks }).toEqual({ calls: 0, kicks: 1 });
    expect(await db().stripeEvent.findUniqueOrThrow({ where: { id: paid.id } })).toMatchObject({ status: "received", attempts: 0 });
    expect(await db().payout.count()).toBe(0);
    // Answered is not settled: whatever waits for webhooks to land waits for this.
    expect(await unsettledEventCount()).toBe(1);

    // Stripe delivers it again before the worker ran: still one row, nothing projected twice.
    const again = await receiveStripeWebhook(signed(paid), laterContext(stripe.dependencies, () => kicks++));
    expect(await again.json()).toEqual({ received: true, status: "duplicate" });
    expect(kicks).toBe(1);

    expect(await projectQueuedEvents(stripe.dependencies)).toEqual({ attempted: 1, processed: 1, failed: 0 });
    expect(stripe.calls.value).toBe(1);
    expect(await db().stripeEvent.findUniqueOrThrow({ where: { id: paid.id } })).toMatchObject({ status: "processed", attempts: 1, nextAttemptAt: null });
    expect(await db().balanceTransaction.count({ where: { payoutId: "po_fail1" } })).toBe(2);
    expect(await unsettledEventCount()).toBe(0);
    expect(await projectQueuedEvents(stripe.dependencies)).toEqual({ attempted: 0, processed: 0, failed: 0 });
    // Once processed, a late duplicate is recognised without asking Stripe.
    const late = await receiveStripeWebhook(signed(paid), laterContext(stripe.dependencies));
    expect(await late.json()).toEqual({ received: true, status: "duplicate" });
    expect(stripe.calls.value).toBe(1);
  });

  it("waits for the fee in the worker, not in the delivery: the charge and its fee land together", async () => {
    const charge = exampleObject("charge", { id: "ch_fee1", amount: 2000, created: T0, payment_intent: "pi_fee1", balance_transaction: "txn_fee1", refunds: undefined });
    const transaction = exampleObject("balance_transaction", { id: "txn_fee1", amount: 2000, fee: 88, net: 1912, currency: "usd", source: "ch_fee1", type: "charge", created: T0 });
    const stripe = countingStripe({ transactions: { txn_fee1: transaction } });
    const response = await receiveStripeWebhook(signed(stripeEvent("charge.succeeded", T0, charge, "evt_fee1")), laterContext(stripe.dependencies));
    expect(await response.json()).toEqual({ received: true, status: "queued" });
    expect(stripe.calls.value).toBe(0);
    expect(await projectQueuedEvents(stripe.dependencies)).toMatchObject({ processed: 1 });
    expect(await db().charge.count({ where: { id: "ch_fee1" } })).toBe(1);
    expect(await db().balanceTransaction.findUniqueOrThrow({ where: { id: "txn_fee1" } })).toMatchObject({ fee: 88n });
  });

  it("is processed at once when it needs nothing from Stripe", async () => {
    const stripe = countingStripe({});
    const customer = exampleObject("customer", { id: "cus_now1", email: "now@example.com", created: T0 });
    const response = await receiveStripeWebhook(signed(stripeEvent("customer.created", T0, customer, "evt_now1")), laterContext(stripe.dependencies));
    expect(await response.json()).toEqual({ received: true, status: "processed" });
    expect(stripe.calls.value).toBe(0);
  });

  it("becomes an ordinary failed event with its retry schedule when Stripe is down for the worker", async () => {
    const scenario = payoutFailing();
    const paid = scenario.events.find((e) => e.type === "payout.paid")!;
    const up = { value: false };
    const stripe = countingStripe({ payouts: scenario.payoutBalanceTransactions }, up);
    await receiveStripeWebhook(signed(paid), laterContext(stripe.dependencies));
    expect(await projectQueuedEvents(stripe.dependencies)).toEqual({ attempted: 1, processed: 0, failed: 1 });
    const failed = await db().stripeEvent.findUniqueOrThrow({ where: { id: paid.id } });
    expect(failed).toMatchObject({ status: "failed", attempts: 1 });
    expect(failed.lastError).toContain("ECONNREFUSED");
    expect(failed.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 20_000);

    up.value = true;
    await db().$executeRawUnsafe(`UPDATE stripe_events SET next_attempt_at = now() - interval '1 second'`);
    expect(await retryDueEvents(stripe.dependencies)).toEqual({ attempted: 1, processed: 1, failed: 0 });
    expect(await db().payout.count()).toBe(1);
  });

  it("tells staff of another API version when the event is queued, and not again when the worker projects it", async () => {
    const developer = await db().staffUser.create({ data: { email: "dev@follow-up.test", name: "dev", roles: ["developer"], passwordHash: "unused" } });
    try {
      const customer = exampleObject("customer", { id: "cus_old1", created: T0 });
      const stripe = countingStripe({});
      const dependencies: RecordDependencies = { ...stripe.dependencies, fetchCurrentObject: async (_type, id) => exampleObject("customer", { id, created: T0 }) };
      const old = { ...stripeEvent("customer.created", T0, customer, "evt_old1"), api_version: "2020-03-02" };
      const response = await receiveStripeWebhook(signed(old), laterContext(dependencies));
      expect(await response.json()).toEqual({ received: true, status: "queued" });
      const alerts = () => db().alert.findMany({ where: { rule: "webhooks.other_api_version", recipientId: developer.id } });
      expect((await alerts()).map((a) => a.objectId)).toEqual(["evt_old1"]);
      expect(await projectQueuedEvents(dependencies)).toMatchObject({ processed: 1 });
      expect(await db().customer.count({ where: { id: "cus_old1" } })).toBe(1);
      expect(await alerts()).toHaveLength(1);
    } finally {
      await db().alertEmail.deleteMany({ where: { recipientId: developer.id } });
      await db().staffUser.delete({ where: { id: developer.id } });
    }
  });

  it("queues a change tied with the stored one's second, so Stripe's copy is fetched after the answer", async () => {
    const current = exampleObject("customer", { id: "cus_tie1", name: "As Stripe holds it", created: T0 });
    const fetched: string[] = [];
    const dependencies: RecordDependencies = { fetchCurrentObject: async (_type, id) => (fetched.push(id), current) };
    const first = stripeEvent("customer.updated", T0 + 5, exampleObject("customer", { id: "cus_tie1", name: "First", created: T0 }), "evt_tie1");
    const second = stripeEvent("customer.updated", T0 + 5, exampleObject("customer", { id: "cus_tie1", name: "Second", created: T0 }), "evt_tie2");
    expect(await (await receiveStripeWebhook(signed(first), laterContext(dependencies))).json()).toEqual({ received: true, status: "processed" });
    expect(await (await receiveStripeWebhook(signed(second), laterContext(dependencies))).json()).toEqual({ received: true, status: "queued" });
    expect(fetched).toEqual([]);
    expect(await projectQueuedEvents(dependencies)).toMatchObject({ processed: 1 });
    expect(fetched).toEqual(["cus_tie1"]);
    expect(await db().customer.findUniqueOrThrow({ where: { id: "cus_tie1" } })).toMatchObject({ name: "As Stripe holds it" });
  });

  it("leases each queued event to one worker: two draining at once project it once", async () => {
    const scenario = payoutFailing();
    const paid = scenario.events.find((e) => e.type === "payout.paid")!;
    const stripe = countingStripe({ payouts: scenario.payoutBalanceTransactions });
    await receiveStripeWebhook(signed(paid), laterContext(stripe.dependencies));
    const [a, b] = await Promise.all([projectQueuedEvents(stripe.dependencies), projectQueuedEvents(stripe.dependencies)]);
    expect(a.attempted + b.attempted).toBe(1);
    expect(stripe.calls.value).toBe(1);
  });
});
