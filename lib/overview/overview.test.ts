import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { dailyActivity } from "./activity";
import { actionableFraudWarnings, recentFailedPayments } from "./attention";
import { balanceAmounts } from "./balance";
import { insertPayments } from "@/lib/queries/fixtures.test-support";

const database = useTestDatabase();
const now = new Date("2026-11-20T12:00:00Z");
const daysAgo = (d: number, hour = 12) => new Date(Date.UTC(2026, 10, 20 - d, hour));
const base = { livemode: false, data: {}, syncedAt: now };

beforeAll(async () => {
  await database.truncateAll();
  const charges = [];
  for (let i = 0; i < 40; i++) {
    const succeeded = i % 7 !== 0;
    charges.push({
      ...base, id: `ch_${i}`, created: daysAgo(i % 35), status: succeeded ? "succeeded" : "failed", amount: BigInt(1000 + i),
      amountCaptured: succeeded ? BigInt(1000 + i) : 0n, captured: succeeded, currency: i % 4 === 0 ? "eur" : "usd", fee: BigInt(30 + i), paymentIntentId: `pi_${i}`,
    });
  }
  // Just before midnight UTC on the 19th is already the 20th in Tokyo.
  charges.push({ ...base, id: "ch_late", created: new Date("2026-11-19T23:30:00Z"), status: "succeeded", amount: 5000n, amountCaptured: 5000n, captured: true, currency: "jpy", fee: 0n });
  await db().charge.createMany({ data: charges });
  await db().refund.createMany({
    data: [
      { ...base, id: "re_1", created: daysAgo(1), status: "succeeded", amount: 300n, currency: "usd" },
      { ...base, id: "re_2", created: daysAgo(2), status: "pending", amount: 200n, currency: "usd" },
      { ...base, id: "re_3", created: daysAgo(2), status: "failed", amount: 999n, currency: "usd" },
      { ...base, id: "re_old", created: daysAgo(40), status: "succeeded", amount: 999n, currency: "usd" },
    ],
  });
  await db().dispute.createMany({
    data: [{ ...base, id: "dp_1", created: daysAgo(3), status: "needs_response", reason: "fraudulent", amount: 1003n, currency: "usd" }],
  });
  // The overview counts money as Stripe's ledger moves it: one balance transaction per charge, refund
  // (a failed one given back by its refund_failure) and dispute withdrawal, with the dispute fee.
  const bt = (id: string, created: Date, type: string, amount: bigint, currency: string, fee = 0n, reportingCategory = type) => ({
    ...base, id, created, type, status: "available", amount, fee, net: amount - fee, currency, availableOn: created, reportingCategory,
  });
  await db().balanceTransaction.createMany({
    data: [
      ...charges.filter((c) => c.status === "succeeded").map((c) => bt(`txn_${c.id}`, c.created, "charge", c.amountCaptured, c.currency, c.fee ?? 0n)),
      bt("txn_re_1", daysAgo(1), "refund", -300n, "usd"),
      bt("txn_re_2", daysAgo(2), "refund", -200n, "usd"),
      bt("txn_re_3", daysAgo(2), "refund", -999n, "usd"),
      bt("txn_re_3_failure", daysAgo(2), "refund_failure", 999n, "usd"),
      bt("txn_re_old", daysAgo(40), "refund", -999n, "usd"),
      bt("txn_dp_1", daysAgo(3), "adjustment", -1003n, "usd", 1500n, "dispute"),
      bt("txn_po_1", daysAgo(1), "payout", -5000n, "usd", 0n, "payout"),
    ],
  });
  await insertPayments([
    { id: "pi_failed_old", created: daysAgo(3), status: "requires_payment_method", lastPaymentErrorCode: "card_declined" },
    { id: "pi_failed_new", created: daysAgo(1), status: "requires_payment_method", lastPaymentErrorCode: "expired_card" },
    { id: "pi_incomplete", created: daysAgo(0), status: "requires_payment_method" },
    { id: "pi_5", created: daysAgo(5), amount: 1005n },
  ]);
  await db().earlyFraudWarning.createMany({
    data: [
      { ...base, id: "issfr_1", created: daysAgo(2), actionable: true, fraudType: "made_with_stolen_card", chargeId: "ch_5" },
      { ...base, id: "issfr_2", created: daysAgo(1), actionable: false, fraudType: "misc", chargeId: "ch_6" },
    ],
  });
});

describe("dailyActivity", () => {
  it("sums the balance transactions of the last 30 days, per currency and per day", async () => {
    const series = await dailyActivity({ timeZone: "UTC", now });
    expect(series.days).toHaveLength(30);
    expect(series.days[0]).toBe("2026-10-22");
    expect(series.days.at(-1)).toBe("2026-11-20");

    const rows = await db().balanceTransaction.findMany({ where: { type: "charge", created: { gte: new Date("2026-10-22T00:00:00Z") } } });
    for (const currency of ["usd", "eur"]) {
      const mine = rows.filter((r) => r.currency === currency);
      const gross = mine.reduce((t, r) => t + r.amount, 0n);
      const fees = mine.reduce((t, r) => t + r.fee, 0n) + (currency === "usd" ? 1500n : 0n);
      expect(series.totals[currency]?.gross).toBe(gross);
      expect(series.totals[currency]?.fees).toBe(fees);
      expect(series.byCurrency[currency]?.reduce((t, d) => t + d.gross, 0n)).toBe(gross);
    }
    // Refunds net of the one given back by its failure; older ones and payouts do not count; the
    // dispute's withdrawal counts, its fee among the fees.
    expect(series.totals.usd?.refunds).toBe(500n);
    expect(series.totals.usd?.disputes).toBe(1003n);
    const usd = series.totals.usd!;
    expect(usd.net).toBe(usd.gross - usd.fees - usd.refunds - usd.disputes);
    expect(series.currencies[0]).toBe("usd");
    const day1 = series.byCurrency.usd?.find((d) => d.day === "2026-11-19");
    const expected = rows.filter((r) => r.currency === "usd" && r.created.toISOString().startsWith("2026-11-19")).reduce((t, r) => t + r.amount, 0n);
    expect(day1?.gross).toBe(expected);
  });

  it("groups by the merchant's day", async () => {
    const utc = await dailyActivity({ timeZone: "UTC", now });
    const tokyo = await dailyActivity({ timeZone: "Asia/Tokyo", now });
    expect(utc.byCurrency.jpy?.find((d) => d.gross > 0n)?.day).toBe("2026-11-19");
    expect(tokyo.byCurrency.jpy?.find((d) => d.gross > 0n)?.day).toBe("2026-11-20");
  });
});

describe("attention lists", () => {
  it("lists failed payments newest first, leaving out ones never attempted", async () => {
    expect((await recentFailedPayments()).map((p) => p.id)).toEqual(["pi_failed_new", "pi_failed_old"]);
  });

  it("lists only actionable fraud warnings, with the payment to refund", async () => {
    const warnings = await actionableFraudWarnings();
    expect(warnings.map((w) => [w.id, w.paymentIntentId, w.amount])).toEqual([["issfr_1", "pi_5", 1005n]]);
  });
});

describe("balanceAmounts", () => {
  it("pairs available and pending per currency", () => {
    expect(balanceAmounts({ available: [{ amount: 100, currency: "usd" }], pending: [{ amount: 5, currency: "usd" }, { amount: 7, currency: "jpy" }] })).toEqual([
      { currency: "jpy", available: 0n, pending: 7n },
      { currency: "usd", available: 100n, pending: 5n },
    ]);
  });
});

describe("activity buckets follow every change to the balance transactions", () => {
  it("moves amounts when a transaction is written, changes day, or goes away", async () => {
    const before = (await dailyActivity({ timeZone: "UTC", now })).totals.usd!;
    await db().balanceTransaction.create({
      data: { ...base, id: "txn_re_2_failure", created: daysAgo(1), type: "refund_failure", status: "available", amount: 200n, fee: 0n, net: 200n, currency: "usd", availableOn: daysAgo(1), reportingCategory: "refund_failure" },
    });
    await db().balanceTransaction.update({ where: { id: "txn_ch_1" }, data: { created: daysAgo(50) } });
    await db().balanceTransaction.deleteMany({ where: { id: "txn_dp_1" } });
    const after = (await dailyActivity({ timeZone: "UTC", now })).totals.usd!;
    expect(after.refunds).toBe(before.refunds - 200n);
    expect(after.gross).toBe(before.gross - 1001n);
    expect(after.fees).toBe(before.fees - 31n - 1500n);
    expect(after.disputes).toBe(0n);
    // And the buckets still equal a fresh sum over every charge transaction.
    const [check] = await db().$queryRaw<Array<{ buckets: bigint; rows: bigint }>>`
      SELECT (SELECT sum(gross) FROM activity_buckets)::bigint AS buckets,
             (SELECT sum(amount) FROM balance_transactions WHERE type = 'charge')::bigint AS rows`;
    expect(check?.buckets).toBe(check?.rows);
  });
});
