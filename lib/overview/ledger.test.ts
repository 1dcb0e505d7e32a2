import fc from "fast-check";
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/tests/support/db";
import { until, useMirroredEmulator } from "@/tests/support/webhooks/mirrored-emulator";
import { dailyActivity } from "./activity";

// The overview's figures are Stripe's ledger: for any mix of captures, partial captures,
// cancellations, refunds, disputes won, lost and open, inquiries and settlement currencies, the
// overview equals the sum over the balance transactions Stripe holds for the same period, per
// currency. The app learns everything only from signed webhooks, as in production.

useTestDatabase();
const bed = useMirroredEmulator();

type Flow = "automatic" | "capture" | "partial" | "cancel" | "authorise";
type Payment = {
  currency: "usd" | "eur" | "jpy";
  amount: number;
  flow: Flow;
  card: "pm_card_visa" | "pm_card_createDispute" | "pm_card_createDisputeInquiry";
  refund: "none" | "part" | "rest";
  dispute: "open" | "win" | "lose";
};

const payment: fc.Arbitrary<Payment> = fc.record({
  currency: fc.constantFrom("usd", "eur", "jpy"),
  amount: fc.integer({ min: 100, max: 200_000 }),
  flow: fc.constantFrom<Flow>("automatic", "capture", "partial", "cancel", "authorise"),
  card: fc.constantFrom("pm_card_visa", "pm_card_createDispute", "pm_card_createDisputeInquiry"),
  refund: fc.constantFrom("none", "part", "rest"),
  dispute: fc.constantFrom("open", "win", "lose"),
});

const scenario = fc.record({ settlesEur: fc.boolean(), payments: fc.array(payment, { minLength: 1, maxLength: 5 }) });

type Figures = { gross: bigint; fees: bigint; refunds: bigint; disputes: bigint; net: bigint };
const REFUND_TYPES = new Set(["refund", "payment_refund", "refund_failure", "payment_failure_refund"]);

/** The same figures summed over Stripe's balance transactions (payouts are not activity). */
function ledgerFigures(transactions: Stripe.BalanceTransaction[], from: number): Record<string, Figures> {
  const out: Record<string, Figures> = {};
  for (const t of transactions) {
    const charge = t.type === "charge" || t.type === "payment";
    const refund = REFUND_TYPES.has(t.type);
    const dispute = t.reporting_category === "dispute" || t.reporting_category === "dispute_reversal";
    if (t.created < from || !(charge || refund || dispute)) continue;
    const f = (out[t.currency] ??= { gross: 0n, fees: 0n, refunds: 0n, disputes: 0n, net: 0n });
    if (charge) f.gross += BigInt(t.amount);
    if (refund) f.refunds -= BigInt(t.amount);
    if (dispute) f.disputes -= BigInt(t.amount);
    f.fees += BigInt(t.fee);
    f.net += BigInt(t.net);
  }
  return out;
}

async function play(p: Payment): Promise<boolean> {
  const { stripe } = bed;
  const disputing = p.card !== "pm_card_visa";
  const manual = !disputing && p.flow !== "automatic";
  const amount = p.currency === "jpy" ? Math.max(50, Math.round(p.amount / 100)) : Math.max(50, p.amount);
  const pi = await stripe.paymentIntents.create({ amount, currency: p.currency, payment_method: disputing ? p.card : "pm_card_visa", confirm: true, capture_method: manual ? "manual" : undefined });
  if (manual && p.flow === "cancel") await stripe.paymentIntents.cancel(pi.id);
  if (manual && p.flow === "capture") await stripe.paymentIntents.capture(pi.id);
  if (manual && p.flow === "partial") await stripe.paymentIntents.capture(pi.id, { amount_to_capture: Math.max(1, Math.floor(amount / 3)) });
  const captured = !manual || p.flow === "capture" || p.flow === "partial";
  let decided = false;
  if (disputing) {
    const dispute = (await stripe.disputes.list({ payment_intent: pi.id })).data[0]!;
    const inquiry = dispute.status.startsWith("warning_");
    if (p.dispute === "lose") await stripe.disputes.close(dispute.id);
    if (p.dispute === "win") {
      await stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: "winning_evidence" } });
      decided = !inquiry;
    }
    if (!inquiry) return decided; // a chargeback's charge cannot be refunded
  }
  if (captured && p.refund !== "none") {
    const charge = await stripe.charges.retrieve(String(pi.latest_charge));
    const left = charge.amount_captured - charge.amount_refunded;
    if (left > 0) await stripe.refunds.create({ payment_intent: pi.id, amount: p.refund === "part" ? Math.max(1, Math.floor(left / 2)) : undefined });
  }
  return decided;
}

describe("the overview's figures", () => {
  it("equal the sum over Stripe's balance transactions of the same period, per settlement currency", async () => {
    await bed.control("POST", "/_emulator/payout_schedule", { interval: "manual" });
    await bed.control("POST", "/_emulator/account", { balance_transaction_delay_seconds: "2" });
    const from = await bed.now();
    await fc.assert(
      fc.asyncProperty(scenario, async ({ settlesEur, payments }) => {
        await bed.control("POST", "/_emulator/account", settlesEur ? { "settlement_currencies[0]": "eur" } : { settlement_currencies: "" });
        let decisions = false;
        for (const p of payments) decisions = (await play(p)) || decisions;
        // Dispute decisions come 5 minutes after the evidence; balance transactions seconds after a charge.
        await bed.advance(decisions ? 301 : 3);
        const now = await bed.now();
        const transactions: Stripe.BalanceTransaction[] = [];
        for await (const t of bed.stripe.balanceTransactions.list({ limit: 100 })) transactions.push(t);
        const expected = ledgerFigures(transactions, from);
        const shown = async () => (await dailyActivity({ timeZone: "UTC", now: new Date(now * 1000) })).totals;
        // Webhooks land asynchronously: wait for the mirror to converge, then compare exactly.
        await until("the overview to match the ledger", async () => JSON.stringify(stringify(await shown())) === JSON.stringify(stringify(expected)), 15_000).catch(() => null);
        expect(stringify(await shown())).toEqual(stringify(expected));
      }),
      { numRuns: 12, seed: 1919, endOnFailure: true },
    );
    // Twelve runs, each waiting for its webhooks: 6-9 s here, past the 30 s default on a slow machine.
  }, 120_000);
});

function stringify(figures: Record<string, Figures>): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const currency of Object.keys(figures).sort()) {
    const f = figures[currency]!;
    if (f.gross === 0n && f.fees === 0n && f.refunds === 0n && f.disputes === 0n && f.net === 0n) continue;
    out[currency] = { gross: String(f.gross), fees: String(f.fees), refunds: String(f.refunds), disputes: String(f.disputes), net: String(f.net) };
  }
  return out;
}
