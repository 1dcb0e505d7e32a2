import type Stripe from "stripe";
import { afterAll, beforeEach, beforeAll, describe, expect, it } from "vitest";
import { PAYOUT_RECONCILE_DELAY, PAYOUT_SUBMIT_DELAY } from "../resources/payouts";
import { startTestEmulator, stripeError, type TestEmulator } from "./helpers";

let emu: TestEmulator;
let stripe: Stripe;
const DAY = 86_400;
// Noon UTC, so "the next daily payout" is a predictable 12 hours away.
const NOON = Date.UTC(2030, 0, 15, 12) / 1000;

beforeAll(async () => {
  emu = await startTestEmulator({ clockStart: NOON });
  stripe = emu.stripe;
});
afterAll(() => emu.close());
beforeEach(async () => {
  await emu.control("POST", "/_emulator/reset");
});

const usd = (entries: Stripe.Balance.Available[] | Stripe.Balance.Pending[]) => entries.find((e) => e.currency === "usd")?.amount ?? 0;

async function charge(amount: number, card = "pm_card_visa") {
  // Synchronous capture, so the balance moves before the next line reads it.
  return stripe.paymentIntents.create({ amount, currency: "usd", payment_method: card, confirm: true, capture_method: "automatic" });
}

describe("balance", () => {
  it("keeps card funds pending until available_on, then makes them available", async () => {
    await charge(10_000);
    let balance = await stripe.balance.retrieve();
    expect(usd(balance.pending)).toBe(10_000 - 320);
    expect(usd(balance.available)).toBe(0);
    await emu.control("POST", "/_emulator/payout_schedule", { interval: "manual" });
    await emu.advance(2 * DAY);
    balance = await stripe.balance.retrieve();
    expect(usd(balance.available)).toBe(9_680);
    expect(usd(balance.pending)).toBe(0);
    const types = (await stripe.events.list({ type: "balance.available" })).data;
    expect(types.length).toBeGreaterThan(0);
  });

  it("filters balance transactions by type and source", async () => {
    const pi = await charge(5_000);
    const bySource = await stripe.balanceTransactions.list({ source: String(pi.latest_charge) });
    expect(bySource.data).toHaveLength(1);
    expect(bySource.data[0]).toMatchObject({ type: "charge", amount: 5_000, fee: 175, net: 4_825, status: "pending" });
    expect((await stripe.balanceTransactions.list({ type: "refund" })).data).toHaveLength(0);
  });
});

describe("payouts", () => {
  it("pays out manually from the available balance: pending → in_transit → paid", async () => {
    await charge(20_000, "pm_card_bypassPending");
    const tooMuch = await stripeError(() => stripe.payouts.create({ amount: 1_000_000, currency: "usd" }));
    expect(tooMuch.code).toBe("balance_insufficient");
    const payout = await stripe.payouts.create({ amount: 5_000, currency: "usd", metadata: { reason: "weekly" } });
    expect(payout).toMatchObject({ status: "pending", automatic: false, reconciliation_status: "not_applicable", method: "standard" });
    await emu.advance(PAYOUT_SUBMIT_DELAY);
    expect((await stripe.payouts.retrieve(payout.id)).status).toBe("in_transit");
    await emu.advance(DAY);
    expect((await stripe.payouts.retrieve(payout.id)).status).toBe("paid");
    const types = (await stripe.events.list({ limit: 20 })).data.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["payout.created", "payout.updated", "payout.paid"]));
    const txn = await stripe.balanceTransactions.retrieve(String(payout.balance_transaction));
    expect(txn).toMatchObject({ type: "payout", amount: -5_000 });
  });

  it("cancels a pending manual payout and returns the funds", async () => {
    await charge(20_000, "pm_card_bypassPending");
    const payout = await stripe.payouts.create({ amount: 5_000, currency: "usd" });
    const canceled = await stripe.payouts.cancel(payout.id);
    expect(canceled.status).toBe("canceled");
    expect(usd((await stripe.balance.retrieve()).available)).toBe(20_000 - 610);
    const err = await stripeError(() => stripe.payouts.cancel(payout.id));
    expect(err.type).toBe("StripeInvalidRequestError");
  });

  it("runs an automatic payout every day, linking the transactions it paid out", async () => {
    const pi = await charge(10_000, "pm_card_bypassPending");
    await emu.advance(DAY / 2 + 1);
    const payouts = await stripe.payouts.list();
    expect(payouts.data).toHaveLength(1);
    const payout = payouts.data[0]!;
    expect(payout).toMatchObject({ automatic: true, amount: 9_680, reconciliation_status: "in_progress" });
    await emu.advance(DAY);
    const paid = await stripe.payouts.retrieve(payout.id);
    expect(paid).toMatchObject({ status: "paid", reconciliation_status: "in_progress" });
    // Paid is not reconciled: until then Stripe has nothing to list for the payout.
    expect((await stripe.balanceTransactions.list({ payout: payout.id })).data).toEqual([]);
    expect((await stripe.events.list({ type: "payout.reconciliation_completed" })).data).toHaveLength(0);
    await emu.advance(PAYOUT_RECONCILE_DELAY);
    expect(await stripe.payouts.retrieve(payout.id)).toMatchObject({ status: "paid", reconciliation_status: "completed" });
    const included = await stripe.balanceTransactions.list({ payout: payout.id });
    expect(included.data.map((t) => t.source).sort()).toEqual([pi.latest_charge, payout.id].sort());
    const reconciled = await stripe.events.list({ type: "payout.reconciliation_completed" });
    expect(reconciled.data).toHaveLength(1);
    expect(reconciled.data[0]!.data.object).toMatchObject({ id: payout.id, reconciliation_status: "completed" });
  });

  it("refuses to itemise a manual payout, with Stripe's invalid-request error", async () => {
    await emu.control("POST", "/_emulator/payout_schedule", { interval: "manual" });
    await charge(20_000, "pm_card_bypassPending");
    const payout = await stripe.payouts.create({ amount: 5_000, currency: "usd" });
    await emu.advance(2 * DAY);
    expect(await stripe.payouts.retrieve(payout.id)).toMatchObject({ status: "paid", automatic: false, reconciliation_status: "not_applicable" });
    const err = await stripeError(() => stripe.balanceTransactions.list({ payout: payout.id }));
    expect(err).toMatchObject({ type: "StripeInvalidRequestError", statusCode: 400 });
    expect(err.message).toBe("Balance transaction history can only be filtered on automatic transfers, not manual.");
    expect((await stripe.events.list({ type: "payout.reconciliation_completed" })).data).toHaveLength(0);
  });

  it("fails payouts to Stripe's failing test bank account, and through the helper", async () => {
    await emu.control("POST", "/_emulator/payout_schedule", { interval: "manual" });
    await charge(20_000, "pm_card_bypassPending");
    await emu.control("POST", "/_emulator/bank_account", { account_number: "000111111116" });
    const payout = await stripe.payouts.create({ amount: 1_000, currency: "usd" });
    await emu.advance(DAY + 1);
    const failed = await stripe.payouts.retrieve(payout.id);
    expect(failed).toMatchObject({ status: "failed", failure_code: "no_account" });
    const back = await stripe.balanceTransactions.retrieve(String(failed.failure_balance_transaction));
    expect(back).toMatchObject({ type: "payout_failure", amount: 1_000 });
    expect((await stripe.events.list({ type: "payout.failed" })).data).toHaveLength(1);

    await emu.control("POST", "/_emulator/bank_account", { account_number: "000123456789" });
    const other = await stripe.payouts.create({ amount: 1_000, currency: "usd" });
    const forced = await emu.control("POST", `/_emulator/payouts/${other.id}/fail`, { failure_code: "account_closed" });
    expect(forced.body).toMatchObject({ status: "failed", failure_code: "account_closed" });
  });
});
