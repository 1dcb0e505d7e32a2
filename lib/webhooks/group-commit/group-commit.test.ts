import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { T0, exampleObject, stripeEvent } from "@/tests/support/webhooks/events";
import { paymentStory } from "@/tests/support/webhooks/payment-traffic";
import { rowVersions } from "@/tests/support/webhooks/row-versions";
import { SCENARIOS, scenarioDependencies, shuffledWithDuplicates } from "@/tests/support/webhooks/scenarios";
import { emptyWebhookTables, mirrorState } from "@/tests/support/webhooks/tables";
import type { StripeEventEnvelope } from "../event";
import { SameSecondTie } from "../mirror";
import { getEvent } from "../event-log";
import { recordStripeEvent, type RecordDependencies } from "../record";
import type { StripeObject } from "../stripe-object";
import { BENCH_BATCH_LOG_ENV, parseBatchLogLine } from "./batch-log";
import { commitBatch } from "./commit-batch";
import { WebhookGroupCommit, webhookGroupCommit, type BatchReport } from ".";

useTestDatabase();

afterEach(async () => {
  await emptyWebhookTables();
});

/** A batcher whose window is wide enough that every delivery of a test lands in one batch, even on a loaded machine. */
function batcher(options: { windowMs?: number; maxBatch?: number } = {}) {
  const batches: BatchReport[] = [];
  const groupCommit = new WebhookGroupCommit({ windowMs: options.windowMs ?? 200, maxBatch: options.maxBatch ?? 64, onBatch: (b) => batches.push(b) });
  return { batches, record: (event: StripeEventEnvelope, dependencies: RecordDependencies = {}) => groupCommit.record(event, "webhook", dependencies) };
}

const customerCreated = (n: number, created = T0) =>
  stripeEvent("customer.created", created, exampleObject("customer", { id: `cus_gc${n}`, email: `gc${n}@example.com`, name: `Customer ${n}`, created }), `evt_gc_customer_${n}`);

/** The transactions that wrote these events' rows: a row's xmin is the id of the transaction that wrote it. */
async function writingTransactions(ids: string[]): Promise<number> {
  const rows = await db().$queryRawUnsafe<{ transactions: number }[]>(
    `SELECT count(DISTINCT xmin::text)::int AS transactions FROM stripe_events WHERE id = ANY($1::text[])`,
    ids,
  );
  return rows[0]!.transactions;
}

describe("group commit", () => {
  it("commits concurrent deliveries of distinct events in one transaction, with their projections", async () => {
    const { batches, record } = batcher();
    const events = Array.from({ length: 12 }, (_, i) => customerCreated(i));
    const outcomes = await Promise.all(events.map((e) => record(e)));
    expect(outcomes.map((o) => o.status)).toEqual(events.map(() => "processed"));
    expect(batches).toEqual([{ committed: events.map((e) => e.id), single: 0, rolledBack: null }]);
    expect(await writingTransactions(events.map((e) => e.id))).toBe(1);
    const customers = await db().$queryRawUnsafe<{ transactions: number; rows: number }[]>(
      `SELECT count(DISTINCT c.xmin::text)::int AS transactions, count(*)::int AS rows
         FROM customers c JOIN stripe_events e ON e.object_id = c.id AND e.xmin::text = c.xmin::text`,
    );
    expect(customers).toEqual([{ transactions: 1, rows: 12 }]);
    const stored = await db().stripeEvent.findUniqueOrThrow({ where: { id: events[3]!.id } });
    expect(stored).toMatchObject({ status: "processed", attempts: 1, source: "webhook", objectId: "cus_gc3", objectType: "customer" });
    // A customer event touches its customer alone, which its row names: no link to store.
    expect(await db().stripeEventObject.count({ where: { eventId: events[3]!.id } })).toBe(0);
    expect((await getEvent(events[3]!.id))?.objects).toEqual([{ objectId: "cus_gc3", objectType: "customer" }]);
  });

  it("hands a full batch over without waiting out the window, and the rest in the next batch", async () => {
    const { batches, record } = batcher({ windowMs: 60_000, maxBatch: 4 });
    const events = Array.from({ length: 4 }, (_, i) => customerCreated(i));
    await Promise.all(events.map((e) => record(e)));
    expect(batches.map((b) => b.committed.length)).toEqual([4]);
  });

  it("answers a delivery only once the transaction holding its event has committed", async () => {
    const { record } = batcher();
    const events = Array.from({ length: 5 }, (_, i) => customerCreated(i));
    // Read through the pool, not the batch's connection: only committed rows are visible there.
    const seenOnAnswer = await Promise.all(
      events.map((e) => record(e).then(() => db().stripeEvent.count({ where: { id: e.id, status: "processed" } }))),
    );
    expect(seenOnAnswer).toEqual([1, 1, 1, 1, 1]);
  });

  it("gives an event delivered twice in one batch, or again in a later batch, one effect", async () => {
    const { batches, record } = batcher();
    const [first, second] = [customerCreated(1), customerCreated(2)];
    const outcomes = await Promise.all([record(first), record(first), record(second), record(first)]);
    expect(outcomes.map((o) => o.status)).toEqual(["processed", "duplicate", "processed", "duplicate"]);
    const again = await Promise.all([record(second), record(first)]);
    expect(again.map((o) => o.status)).toEqual(["duplicate", "duplicate"]);
    expect(batches.map((b) => b.committed)).toEqual([[first.id, second.id], []]);
    expect(await db().stripeEvent.findMany({ select: { id: true, attempts: true }, orderBy: { id: "asc" } })).toEqual([
      { id: first.id, attempts: 1 },
      { id: second.id, attempts: 1 },
    ]);
    expect(await db().customer.count()).toBe(2);
  });

  it("sends a same-second tie to the single path, which asks Stripe, and still commits its batch-mates", async () => {
    const { batches, record } = batcher();
    await record(stripeEvent("customer.updated", T0 + 5, exampleObject("customer", { id: "cus_tie", name: "Before", created: T0 }), "evt_gc_tie_1"));
    const fetched: string[] = [];
    const stripeNow: RecordDependencies = {
      fetchCurrentObject: async (_type, id) => {
        fetched.push(id);
        return exampleObject("customer", { id, name: "As Stripe holds it", created: T0 });
      },
    };
    const tie = stripeEvent("customer.updated", T0 + 5, exampleObject("customer", { id: "cus_tie", name: "Same second", created: T0 }), "evt_gc_tie_2");
    const mates = [customerCreated(1), customerCreated(2)];
    const outcomes = await Promise.all([record(mates[0]!, stripeNow), record(tie, stripeNow), record(mates[1]!, stripeNow)]);
    expect(outcomes.map((o) => o.status)).toEqual(["processed", "processed", "processed"]);
    expect(batches[1]!.rolledBack).toBeInstanceOf(SameSecondTie);
    expect(batches[1]!.single).toBe(3);
    expect(fetched).toEqual(["cus_tie"]);
    expect((await db().customer.findUniqueOrThrow({ where: { id: "cus_tie" } })).name).toBe("As Stripe holds it");
    expect(await db().customer.count({ where: { id: { in: ["cus_gc1", "cus_gc2"] } } })).toBe(2);
  });

  it("keeps a throwing projection failed on its own while its batch-mates are processed", async () => {
    const { batches, record } = batcher();
    // A charge without an id cannot be mirrored: its projector throws.
    const broken = stripeEvent("charge.succeeded", T0, { ...exampleObject("charge", { created: T0 }), id: undefined } as StripeObject, "evt_gc_broken");
    const mates = [customerCreated(1), customerCreated(2)];
    const outcomes = await Promise.all([record(mates[0]!), record(broken), record(mates[1]!)]);
    expect(outcomes.map((o) => o.status)).toEqual(["processed", "failed", "processed"]);
    expect(batches[0]!.rolledBack).toBeInstanceOf(Error);
    const stored = await db().stripeEvent.findMany({ select: { id: true, status: true, attempts: true }, orderBy: { id: "asc" } });
    expect(stored).toEqual([
      { id: "evt_gc_broken", status: "failed", attempts: 1 },
      { id: mates[0]!.id, status: "processed", attempts: 1 },
      { id: mates[1]!.id, status: "processed", attempts: 1 },
    ]);
  });

  it("leaves events that need Stripe to the single path: a payout to itemise, a balance transaction not held", async () => {
    const { batches, record } = batcher();
    const listed: string[] = [];
    const fetchedTransactions: string[] = [];
    const stripe: RecordDependencies = {
      fetchPayoutBalanceTransactions: async (id) => (listed.push(id), []),
      fetchBalanceTransaction: async (id) => {
        fetchedTransactions.push(id);
        return exampleObject("balance_transaction", { id, amount: 5000, fee: 175, net: 4825, created: T0, source: "ch_gc_fee", type: "charge" });
      },
    };
    const payout = stripeEvent("payout.paid", T0, exampleObject("payout", {
      id: "po_gc1", created: T0, automatic: true, status: "paid", reconciliation_status: "completed", balance_transaction: null, failure_balance_transaction: null,
    }));
    const charge = stripeEvent("charge.succeeded", T0, exampleObject("charge", {
      id: "ch_gc_fee", created: T0, amount: 5000, amount_captured: 5000, amount_refunded: 0, status: "succeeded", paid: true, captured: true,
      payment_intent: null, balance_transaction: "txn_gc_fee",
    }));
    const outcomes = await Promise.all([record(payout, stripe), record(charge, stripe), record(customerCreated(1), stripe)]);
    expect(outcomes.map((o) => o.status)).toEqual(["processed", "processed", "processed"]);
    // The payout never waits for a batch; the charge joins one and is sent on once its fee is found missing.
    expect(batches).toEqual([{ committed: ["evt_gc_customer_1"], single: 1, rolledBack: null }]);
    expect(listed).toEqual(["po_gc1"]);
    expect(fetchedTransactions).toEqual(["txn_gc_fee"]);
    expect(await db().charge.findUniqueOrThrow({ where: { id: "ch_gc_fee" } })).toMatchObject({ fee: 175n, net: 4825n });
  });
});

describe("a batch-mate sent to the single path", () => {
  it("does not hold back the answer of a delivery its batch committed", async () => {
    const { batches, record } = batcher();
    let answerStripe!: () => void;
    const stripeAnswers = new Promise<void>((resolve) => (answerStripe = resolve));
    const slowStripe: RecordDependencies = {
      fetchBalanceTransaction: async (id) => {
        await stripeAnswers;
        return exampleObject("balance_transaction", { id, amount: 5000, fee: 175, net: 4825, created: T0, source: "ch_gc_slow", type: "charge" });
      },
    };
    const charge = stripeEvent("charge.succeeded", T0, exampleObject("charge", {
      id: "ch_gc_slow", created: T0, amount: 5000, amount_captured: 5000, amount_refunded: 0, status: "succeeded", paid: true, captured: true,
      payment_intent: null, balance_transaction: "txn_gc_slow",
    }));
    const chargeAnswer = record(charge, slowStripe);
    const customerAnswer = await record(customerCreated(1), slowStripe);
    expect(customerAnswer.status).toBe("processed");
    expect(batches).toEqual([{ committed: ["evt_gc_customer_1"], single: 1, rolledBack: null }]);
    answerStripe();
    expect((await chargeAnswer).status).toBe("processed");
  });
});

describe("a batch's summaries", () => {
  it("recomputes a payment's summary once, after the batch's last event of it, to what event-by-event projection stores", async () => {
    // customer.created, payment_intent.created, charge.succeeded, payment_intent.succeeded,
    // refund.created, charge.refunded: event by event, the payment's summary takes a row version of
    // its own after the charge (its card) and after the refund; in one batch, once after both.
    const story = paymentStory("gcsum", 0, T0);
    const oneByOne = await rowVersions("payment_intents", async () => {
      for (const event of story) await recordStripeEvent(event, "webhook", {});
    });
    const expected = await db().paymentIntent.findUniqueOrThrow({ where: { id: "pi_gcsum_0" }, omit: { updatedAt: true } });
    await emptyWebhookTables();

    const batched = await rowVersions("payment_intents", async () => {
      const outcomes = await Promise.all(await commitBatch(story.map((event) => ({ event, source: "webhook" as const, dependencies: {} }))));
      expect(outcomes.map((o) => o.status)).toEqual(story.map(() => "processed"));
    });
    // Two snapshots of the payment, and its summary once.
    expect([oneByOne.get("pi_gcsum_0"), batched.get("pi_gcsum_0")]).toEqual([4, 3]);
    expect(await db().paymentIntent.findUniqueOrThrow({ where: { id: "pi_gcsum_0" }, omit: { updatedAt: true } })).toEqual(expected);
    expect(expected).toMatchObject({ latestChargeId: "ch_gcsum_0", cardLast4: "4242", customerEmail: "c0@example.com", amountRefunded: 300n });
  });
});

describe.each(SCENARIOS.map((build) => [build().name, build] as const))("group commit ordering: %s", (_name, build) => {
  it("ends in the same tables as in-order delivery, from two batchers at once with duplicates", async () => {
    const scenario = build();
    const dependencies = scenarioDependencies(scenario);
    for (const event of scenario.events) await recordStripeEvent(event, "webhook", dependencies);
    const inOrder = await mirrorState();
    for (const seed of [31, 32, 33]) {
      await emptyWebhookTables();
      // Two processes' batchers over one database, each sent half of the deliveries.
      const [a, b] = [batcher({ windowMs: 5 }), batcher({ windowMs: 5 })];
      const outcomes = await Promise.all(shuffledWithDuplicates(scenario.events, seed).map((e, i) => (i % 2 === 0 ? a : b).record(e, dependencies)));
      expect(outcomes.filter((o) => o.status === "failed")).toEqual([]);
      expect(await mirrorState(), `seed ${seed}`).toEqual(inOrder);
    }
  });
});

// Last in this file: the process batcher is made once, on first use, and keeps the switch it read.
describe("the process batcher", () => {
  it("reports each batch on stderr for the benchmark when started with the switch", async () => {
    process.env[BENCH_BATCH_LOG_ENV] = "1";
    const written: string[] = [];
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const outcome = await webhookGroupCommit().record(customerCreated(99), "webhook", {});
      expect(outcome.status).toBe("processed");
    } finally {
      stderr.mockRestore();
      delete process.env[BENCH_BATCH_LOG_ENV];
    }
    expect(written.map(parseBatchLogLine).filter(Boolean)).toEqual([{ committed: 1, single: 0, rolledBack: false }]);
  });
});
