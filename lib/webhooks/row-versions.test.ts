import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { T0 } from "@/tests/support/webhooks/events";
import { paymentStory } from "@/tests/support/webhooks/payment-traffic";
import { rowVersions } from "@/tests/support/webhooks/row-versions";
import { emptyWebhookTables } from "@/tests/support/webhooks/tables";
import { recordStripeEvent } from "./record";
import type { StripeObject } from "./stripe-object";

useTestDatabase();

afterEach(async () => {
  await emptyWebhookTables();
});

// One card payment's events (tests/support/webhooks/payment-traffic.ts), each projected on its own
// as a lone delivery is: customer.created, payment_intent.created, charge.succeeded (its balance
// transaction expanded), payment_intent.succeeded.
const [customerCreated, paymentCreated, chargeSucceeded] = paymentStory("rv", 0, T0);

describe("a snapshot writes its row once", () => {
  it("when it creates a payment of a customer we hold: with the customer's email, not copied on after", async () => {
    await recordStripeEvent(customerCreated!, "webhook", {});
    const versions = await rowVersions("payment_intents", () => recordStripeEvent(paymentCreated!, "webhook", {}));
    expect(versions.get("pi_rv_0")).toBe(1);
    expect(await db().paymentIntent.findUniqueOrThrow({ where: { id: "pi_rv_0" } })).toMatchObject({ customerEmail: "c0@example.com" });
  });

  it("when it names a charge's balance transaction, expanded or fetched: with the fee and net, not copied on after", async () => {
    const charge = chargeSucceeded!.data.object as StripeObject;
    const balanceTransaction = charge.balance_transaction as StripeObject;
    const expanded = await rowVersions("charges", () => recordStripeEvent(chargeSucceeded!, "webhook", {}));
    expect(expanded.get("ch_rv_0")).toBe(1);
    const stored = await db().charge.findUniqueOrThrow({ where: { id: "ch_rv_0" } });
    expect(stored).toMatchObject({ balanceTransactionId: balanceTransaction.id, fee: BigInt(balanceTransaction.fee as number), net: BigInt(balanceTransaction.net as number) });
    await emptyWebhookTables();

    // As Stripe sends it: the transaction by id, fetched before the event's transaction opens.
    const byId = { ...chargeSucceeded!, id: `${chargeSucceeded!.id}_by_id`, data: { object: { ...chargeSucceeded!.data.object, balance_transaction: balanceTransaction.id } } };
    const fetched = await rowVersions("charges", () =>
      recordStripeEvent(byId, "webhook", { fetchBalanceTransaction: async () => balanceTransaction }),
    );
    expect(fetched.get("ch_rv_0")).toBe(1);
    expect(await db().charge.findUniqueOrThrow({ where: { id: "ch_rv_0" } })).toMatchObject({ fee: stored.fee, net: stored.net });
  });
});
