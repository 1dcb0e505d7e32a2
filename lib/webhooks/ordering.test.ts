import { describe, expect, it } from "vitest";
import { objectTimeline } from "@/lib/audit/timeline";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { recordStripeEvent } from "./record";
import type { StripeEventEnvelope } from "./event";
import { T0, exampleObject, stripeEvent } from "@/tests/support/webhooks/events";
import { SCENARIOS, scenarioDependencies, shuffledWithDuplicates, type Scenario } from "@/tests/support/webhooks/scenarios";
import { emptyWebhookTables, mirrorState } from "@/tests/support/webhooks/tables";

useTestDatabase();

const dependenciesFor = scenarioDependencies;

async function deliver(events: StripeEventEnvelope[], scenario: Scenario): Promise<void> {
  for (const event of events) {
    const outcome = await recordStripeEvent(event, "webhook", dependenciesFor(scenario));
    expect(outcome.status, `${event.type} ${outcome.status === "failed" ? outcome.error : ""}`).not.toBe("failed");
  }
}

describe.each(SCENARIOS.map((build) => [build().name, build] as const))("ordering: %s", (_name, build) => {
  it("any shuffle with duplicates ends in the same tables as in-order delivery", async () => {
    const scenario = build();
    await emptyWebhookTables();
    await deliver(scenario.events, scenario);
    const inOrder = await mirrorState();

    for (const seed of [1, 2, 3, 4, 5, 6]) {
      await emptyWebhookTables();
      await deliver(shuffledWithDuplicates(scenario.events, seed), scenario);
      expect(await mirrorState(), `seed ${seed}`).toEqual(inOrder);
    }
    // All at once, as several app instances would receive them (real concurrency on PostgreSQL).
    for (const seed of [21, 22]) {
      await emptyWebhookTables();
      const outcomes = await Promise.all(
        shuffledWithDuplicates(scenario.events, seed).map((e) => recordStripeEvent(e, "webhook", dependenciesFor(scenario))),
      );
      expect(outcomes.filter((o) => o.status === "failed")).toEqual([]);
      expect(await mirrorState(), `concurrent seed ${seed}`).toEqual(inOrder);
    }
    // Fully reversed is the worst case for "older never overwrites newer".
    await emptyWebhookTables();
    await deliver([...scenario.events].reverse(), scenario);
    expect(await mirrorState()).toEqual(inOrder);
  });
});

describe("the final state after in-order delivery", () => {
  it("applies the furthest-along snapshot among those of one second", async () => {
    const scenario = SCENARIOS[3]!();
    await emptyWebhookTables();
    await deliver([...scenario.events].reverse(), scenario);
    expect(await db().charge.findUniqueOrThrow({ where: { id: "ch_sec1" } })).toMatchObject({ amountRefunded: 2500n });
    expect(await db().refund.findUniqueOrThrow({ where: { id: "re_sec_a" } })).toMatchObject({ arn: "ARN-SAME-SECOND" });
    expect(await db().paymentIntent.findUniqueOrThrow({ where: { id: "pi_sec1" } })).toMatchObject({ status: "succeeded", amountRefunded: 2500n });
  });

  it("keeps a charge's refunds, ARN, dispute outcome and funds movements", async () => {
    const scenario = SCENARIOS[0]!();
    await emptyWebhookTables();
    await deliver([...scenario.events].reverse(), scenario);
    const charge = await db().charge.findUniqueOrThrow({ where: { id: "ch_rtd1" } });
    expect(charge.amountRefunded).toBe(2500n);
    expect(charge.refunded).toBe(false);
    expect(charge.disputed).toBe(true);
    const refunds = await db().refund.findMany({ orderBy: { id: "asc" } });
    expect(refunds.map((r) => [r.id, r.status, r.amount, r.arn])).toEqual([
      ["re_rtd1", "succeeded", 1000n, "ARN-0001"],
      ["re_rtd2", "succeeded", 1500n, null],
    ]);
    const dispute = await db().dispute.findUniqueOrThrow({ where: { id: "du_rtd1" } });
    expect(dispute.status).toBe("won");
    expect(dispute.evidenceSubmissionCount).toBe(1);
    expect(dispute.fundsWithdrawnAt).not.toBeNull();
    expect(dispute.fundsReinstatedAt).not.toBeNull();
    const payment = await db().paymentIntent.findUniqueOrThrow({ where: { id: "pi_rtd1" } });
    expect(payment).toMatchObject({ amountRefunded: 2500n, disputed: true, cardLast4: "4242", customerEmail: "ada@example.com" });
    const timeline = await objectTimeline(["ch_rtd1"]);
    expect(timeline.filter((entry) => entry.source === "stripe")).toHaveLength(scenario.events.length - 1); // every event but customer.created names the charge
  });

  it("keeps a failed payout's failure and links the balance transactions it paid out", async () => {
    const scenario = SCENARIOS[1]!();
    await emptyWebhookTables();
    await deliver(scenario.events, scenario);
    const payout = await db().payout.findUniqueOrThrow({ where: { id: "po_fail1" } });
    expect(payout).toMatchObject({ status: "failed", failureCode: "account_closed" });
    expect(payout.balanceTransactionsLinkedAt).not.toBeNull();
    const linked = await db().balanceTransaction.findMany({ where: { payoutId: "po_fail1" } });
    expect(linked.map((b) => b.id).sort()).toEqual(["txn_po_a", "txn_po_b"]);
  });

  it("keeps a detached card without its customer", async () => {
    const scenario = SCENARIOS[2]!();
    await emptyWebhookTables();
    await deliver(scenario.events, scenario);
    const method = await db().paymentMethod.findUniqueOrThrow({ where: { id: "pm_sd1" } });
    expect(method.customerId).toBeNull();
    expect(method.cardLast4).toBe("3155");
    const customer = await db().customer.findUniqueOrThrow({ where: { id: "cus_sd1" } });
    expect(customer.defaultPaymentMethodId).toBeNull();
    const intent = await db().setupIntent.findUniqueOrThrow({ where: { id: "seti_sd1" } });
    expect(intent).toMatchObject({ status: "succeeded", paymentMethodId: "pm_sd1", customerId: "cus_sd1" });
  });
});

describe("balance transactions", () => {
  function permutations<T>(items: T[]): T[][] {
    if (items.length <= 1) return [items];
    return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
  }

  it("give their charge its fee and net, and their payout its link, whatever the order", async () => {
    const bt = (id: string, amount: number, fee: number, type: string, source: string, created: number) =>
      exampleObject("balance_transaction", {
        id, amount, fee, net: amount - fee, created, available_on: created, type, reporting_category: type, source, currency: "usd", status: "available",
      });
    const chargeTransaction = bt("txn_fee_ch", 5000, 175, "charge", "ch_fee1", T0);
    const withdrawal = bt("txn_fee_dw", -5000, 1500, "adjustment", "du_fee1", T0 + 20);
    const scenario: Scenario = {
      name: "a charge, its dispute and the payout that paid both out",
      payoutBalanceTransactions: { po_fee1: [chargeTransaction, withdrawal] },
      events: [
        stripeEvent("charge.succeeded", T0, exampleObject("charge", {
          id: "ch_fee1", created: T0, amount: 5000, amount_captured: 5000, amount_refunded: 0, currency: "usd", status: "succeeded",
          paid: true, captured: true, disputed: false, payment_intent: null, balance_transaction: "txn_fee_ch", refunds: undefined,
        })),
        stripeEvent("payout.paid", T0 + 100, exampleObject("payout", {
          id: "po_fee1", amount: 0, currency: "usd", created: T0 + 50, arrival_date: T0 + 100, automatic: true, status: "paid",
          reconciliation_status: "completed", balance_transaction: "txn_po_fee1", failure_balance_transaction: null, destination: "ba_test",
        })),
        // Stamped after the payout's list: the withdrawal's newer snapshot is held when the list arrives.
        stripeEvent("charge.dispute.funds_withdrawn", T0 + 200, exampleObject("dispute", {
          id: "du_fee1", amount: 5000, charge: "ch_fee1", payment_intent: null, currency: "usd", created: T0 + 20, status: "needs_response",
          reason: "fraudulent", balance_transactions: [withdrawal],
          evidence_details: { due_by: T0 + 86400, has_evidence: false, past_due: false, submission_count: 0, enhanced_eligibility: {} },
        })),
      ],
    };
    for (const order of permutations(scenario.events)) {
      await emptyWebhookTables();
      await deliver(order, scenario);
      const types = order.map((e) => e.type).join(", ");
      expect(await db().charge.findUniqueOrThrow({ where: { id: "ch_fee1" } }), types).toMatchObject({ fee: 175n, net: 4825n });
      const linked = await db().balanceTransaction.findMany({ where: { payoutId: "po_fee1" }, orderBy: { id: "asc" } });
      expect(linked.map((b) => b.id), types).toEqual(["txn_fee_ch", "txn_fee_dw"]);
    }
  });
});
