import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { T0, stripeEvent } from "@/tests/support/webhooks/events";
import { paymentStory } from "@/tests/support/webhooks/payment-traffic";
import { recordStripeEvent, type RecordDependencies } from "../record";
import type { StripeEventEnvelope } from "../event";
import type { StripeObject } from "../stripe-object";

// A summary recomputed to the values it already holds must not write a new row version: in
// PostgreSQL that is a dead tuple, index entries and WAL for nothing. xmin names the transaction
// that wrote the row version held, so it moves exactly when the row was rewritten.

useTestDatabase();

const noStripe: RecordDependencies = {
  fetchPayoutBalanceTransactions: async () => {
    throw new Error("no Stripe in this test");
  },
  fetchCurrentObject: async () => {
    throw new Error("no Stripe in this test");
  },
};

async function deliver(event: StripeEventEnvelope): Promise<void> {
  const outcome = await recordStripeEvent(event, "webhook", noStripe);
  expect(outcome.status, event.type).toBe("processed");
}

interface RowVersion {
  xmin: string;
  updated_at: Date;
}

async function version(table: "payment_intents" | "charges", id: string): Promise<RowVersion> {
  const rows = await db().$queryRawUnsafe<RowVersion[]>(`SELECT xmin::text AS xmin, updated_at FROM ${table} WHERE id = $1`, id);
  expect(rows, `${table} ${id}`).toHaveLength(1);
  return rows[0]!;
}

/** The same object again, a few seconds later, as Stripe sends it after a change the mirror does not keep. */
function resent(event: StripeEventEnvelope, type: string, seconds: number): StripeEventEnvelope {
  const object = structuredClone(event.data.object as StripeObject);
  object.metadata = { resent: String(seconds) };
  return stripeEvent(type, event.created + seconds, object);
}

describe("summaries recomputed after each event", () => {
  // Payment 3 of the benchmark's card payments: customer, payment intent, charge, succeeded, then a refund.
  const created = T0 + 50_000;
  const [customerCreated, intentCreated, chargeSucceeded, intentSucceeded, refundCreated] = paymentStory("sum", 3, created);
  const paymentId = "pi_sum_3";
  const chargeId = "ch_sum_3";

  it("leave the payment's and the charge's row versions alone when nothing they derive changed", async () => {
    for (const event of [customerCreated!, intentCreated!, chargeSucceeded!, intentSucceeded!]) await deliver(event);
    const payment = await version("payment_intents", paymentId);
    const charge = await version("charges", chargeId);

    // The charge's snapshot is written again (its row moves); the payment's summary stays as it was.
    await deliver(resent(chargeSucceeded!, "charge.updated", 1));
    expect(await version("payment_intents", paymentId)).toEqual(payment);
    expect(await version("charges", chargeId)).not.toEqual(charge);

    // A refund's snapshot written twice: the second changes neither the charge's totals nor the payment's.
    const chargeBeforeRefund = await version("charges", chargeId);
    await deliver(refundCreated!);
    const chargeAfterRefund = await version("charges", chargeId);
    expect(chargeAfterRefund).not.toEqual(chargeBeforeRefund);
    const paymentAfterRefund = await version("payment_intents", paymentId);
    await deliver(resent(refundCreated!, "refund.updated", 20));
    expect(await version("charges", chargeId)).toEqual(chargeAfterRefund);
    expect(await version("payment_intents", paymentId)).toEqual(paymentAfterRefund);
  });

  it("still write a change: a refund moves the charge's and the payment's refunded amounts", async () => {
    const story = paymentStory("sumchange", 6, created + 1_000);
    for (const event of story.slice(0, 4)) await deliver(event);
    const payment = await version("payment_intents", "pi_sumchange_6");
    const charge = await version("charges", "ch_sumchange_6");

    await deliver(story[4]!);
    expect(await version("payment_intents", "pi_sumchange_6")).not.toEqual(payment);
    expect(await version("charges", "ch_sumchange_6")).not.toEqual(charge);
    expect(await db().charge.findUniqueOrThrow({ where: { id: "ch_sumchange_6" } })).toMatchObject({ amountRefunded: 300n, fee: 76n });
    expect(await db().paymentIntent.findUniqueOrThrow({ where: { id: "pi_sumchange_6" } })).toMatchObject({
      amountRefunded: 300n,
      cardLast4: "4248",
      customerEmail: "c6@example.com",
      latestChargeId: "ch_sumchange_6",
    });
  });
});
