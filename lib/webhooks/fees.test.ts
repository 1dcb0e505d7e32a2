import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { projectApiObjects } from "@/lib/audit/project";
import { responseStamp } from "@/lib/stripe/response-stamp";
import { chargeSettlement, settlementLines } from "@/lib/payments/settlement";
import { useTestDatabase } from "@/tests/support/db";
import { recordStripeEvent } from "./record";
import { stripeRecordDependencies } from "./stripe-facts";
import { fillMissingFees } from "./fees";
import { stripeEventSchema } from "./event";
import { until, useMirroredEmulator } from "@/tests/support/webhooks/mirrored-emulator";

// Asynchronous capture (Stripe's default since API 2024-04-10): a charge succeeds without its
// balance transaction, which arrives seconds later with charge.updated; fees and net follow it.

useTestDatabase();
const bed = useMirroredEmulator();

async function pay(amount: number, currency = "usd") {
  return bed.stripe.paymentIntents.create({ amount, currency, payment_method: "pm_card_visa", confirm: true });
}

const chargeRow = (id: string) => db().charge.findUnique({ where: { id } });

describe("fees that arrive later", () => {
  it("shows fees pending, then projects fee and net from the balance transaction charge.updated names", async () => {
    await bed.control("POST", "/_emulator/account", { balance_transaction_delay_seconds: "30" });
    const pi = await pay(10_000);
    const chargeId = String(pi.latest_charge);
    const mirrored = await until("the charge mirrored", async () => {
      const row = await chargeRow(chargeId);
      return row?.captured ? row : null;
    });
    expect(mirrored).toMatchObject({ balanceTransactionId: null, fee: null, net: null });
    expect(settlementLines("usd", await chargeSettlement(mirrored))).toEqual({ fee: "Fees pending", net: "Fees pending", rate: null });

    await bed.advance(30);
    const settled = await until("the fee projected", async () => {
      const row = await chargeRow(chargeId);
      return row?.fee != null ? row : null;
    });
    const bt = await bed.stripe.balanceTransactions.retrieve(String(settled.balanceTransactionId));
    expect(settled).toMatchObject({ fee: BigInt(bt.fee), net: BigInt(bt.net), amountCaptured: 10_000n, status: "succeeded" });
    expect(settlementLines("usd", await chargeSettlement(settled))).toEqual({ fee: "$3.20", net: "$96.80", rate: null });
  });

  it("shows a converted charge's fee and net in the settlement currency, with the rate", async () => {
    await bed.control("POST", "/_emulator/account", { balance_transaction_delay_seconds: "0" });
    const pi = await pay(10_000, "eur");
    await bed.advance(1);
    const row = await until("the fee projected", async () => {
      const found = await chargeRow(String(pi.latest_charge));
      return found?.fee != null ? found : null;
    });
    expect(row).toMatchObject({ amount: 10_000n, currency: "eur", fee: 343n, net: 10_457n });
    expect(settlementLines("eur", await chargeSettlement(row))).toEqual({ fee: "$3.43", net: "$104.57", rate: "Settled as $108.00 at 1 EUR = 1.08 USD" });
  });

  it("never lets an older snapshot take the balance transaction, the fee or a newer refund away", async () => {
    await bed.control("POST", "/_emulator/account", { balance_transaction_delay_seconds: "1" });
    const pi = await pay(5000);
    const chargeId = String(pi.latest_charge);
    await bed.advance(1);
    await until("the fee projected", async () => (await chargeRow(chargeId))?.fee != null);
    await bed.advance(5);
    await bed.stripe.refunds.create({ payment_intent: pi.id, amount: 1000 });
    await until("the refund mirrored", async () => (await chargeRow(chargeId))?.amountRefunded === 1000n);
    const before = await chargeRow(chargeId);

    // charge.succeeded (no balance transaction) and charge.updated (before the refund), delivered late.
    const events = await bed.stripe.events.list({ limit: 100 });
    for (const type of ["charge.succeeded", "charge.updated"]) {
      const old = events.data.find((e) => e.type === type && (e.data.object as { id: string }).id === chargeId)!;
      const late = stripeEventSchema.parse({ ...old, id: `${old.id}_late` });
      const outcome = await recordStripeEvent(late, "webhook", stripeRecordDependencies());
      expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: "processed" });
    }
    expect(await chargeRow(chargeId)).toMatchObject({
      balanceTransactionId: before!.balanceTransactionId, fee: before!.fee, net: before!.net, amountRefunded: 1000n, syncedAt: before!.syncedAt,
    });
  });

  it("fills the fees of charges and refunds whose balance transactions never reached us", async () => {
    const endpoints = await bed.stripe.webhookEndpoints.list();
    for (const e of endpoints.data) await bed.stripe.webhookEndpoints.update(e.id, { disabled: true });
    try {
      await bed.control("POST", "/_emulator/account", { balance_transaction_delay_seconds: "2" });
      const pi = await bed.stripe.paymentIntents.create({ amount: 7000, currency: "usd", payment_method: "pm_card_visa", confirm: true, expand: ["latest_charge"] });
      const refund = await bed.stripe.refunds.create({ payment_intent: pi.id, amount: 700 });
      // What the API answered is all we know: a charge without its transaction, a refund naming one.
      await projectApiObjects([pi.latest_charge, pi], responseStamp(pi));
      await projectApiObjects([refund], responseStamp(refund));
      const chargeId = String((pi.latest_charge as { id: string }).id);
      expect(await chargeRow(chargeId)).toMatchObject({ balanceTransactionId: null, fee: null });
      await bed.advance(2);

      const sweep = await fillMissingFees(bed.stripe);
      expect(sweep).toMatchObject({ failed: 0 });
      expect(sweep.charges).toBeGreaterThanOrEqual(1);
      expect(sweep.transactions).toBeGreaterThanOrEqual(1);
      const charge = await chargeRow(chargeId);
      expect(charge).toMatchObject({ fee: 233n, net: 6767n });
      expect(await db().balanceTransaction.findUnique({ where: { id: String(refund.balance_transaction) } })).toMatchObject({ amount: -700n, type: "refund" });
      expect(await fillMissingFees(bed.stripe)).toEqual({ charges: 0, transactions: 0, failed: 0 });
    } finally {
      for (const e of endpoints.data) await bed.stripe.webhookEndpoints.update(e.id, { disabled: false });
    }
  });
});
