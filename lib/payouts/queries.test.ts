import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { findPayout, listPayouts, listPayoutTransactions, payoutFiltersSchema, reconcilePayout, upcomingPayouts } from "./queries";

const database = useTestDatabase();
const now = new Date("2026-11-20T12:00:00Z");
const base = { livemode: false, data: {}, syncedAt: now, currency: "usd", status: "available", availableOn: now };
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

beforeAll(async () => {
  await database.truncateAll();
  await db().payout.createMany({
    data: [
      { livemode: false, data: {}, syncedAt: now, id: "po_ok", automatic: true, created: hoursAgo(10), status: "paid", amount: 9_340n, currency: "usd", arrivalDate: hoursAgo(1), balanceTransactionId: "txn_po_ok", balanceTransactionsLinkedAt: now },
      { livemode: false, data: {}, syncedAt: now, id: "po_off", automatic: true, created: hoursAgo(9), status: "paid", amount: 5_000n, currency: "usd", arrivalDate: hoursAgo(2), balanceTransactionsLinkedAt: now },
      { livemode: false, data: {}, syncedAt: now, id: "po_soon", automatic: true, created: hoursAgo(8), status: "in_transit", amount: 100n, currency: "usd", arrivalDate: new Date(now.getTime() + 86_400_000) },
      { livemode: false, data: {}, syncedAt: now, id: "po_manual", created: hoursAgo(6), status: "paid", amount: 700n, currency: "usd", arrivalDate: hoursAgo(3), automatic: false },
      { livemode: false, data: {}, syncedAt: now, id: "po_later", created: hoursAgo(7), status: "pending", amount: 100n, currency: "eur", arrivalDate: new Date(now.getTime() + 3 * 86_400_000) },
    ],
  });
  const txns = [];
  // 60 charges of $2.00 less a 30¢ fee, a $10 refund, a $15 dispute plus its $15 fee: 60·170 − 1000 − 3000 = 6200.
  for (let i = 0; i < 60; i++) txns.push({ ...base, id: `txn_ch_${i}`, created: hoursAgo(100 + i), type: "charge", amount: 200n, fee: 30n, net: 170n, sourceId: `ch_${i}`, payoutId: "po_ok" });
  txns.push({ ...base, id: "txn_re", created: hoursAgo(50), type: "refund", amount: -1000n, fee: 0n, net: -1000n, sourceId: "re_1", payoutId: "po_ok" });
  txns.push({ ...base, id: "txn_dp", created: hoursAgo(40), type: "adjustment", amount: -1500n, fee: 1500n, net: -3000n, sourceId: "dp_1", payoutId: "po_ok", reportingCategory: "dispute" });
  txns.push({ ...base, id: "txn_po_ok", created: hoursAgo(10), type: "payout", amount: -6200n, fee: 0n, net: -6200n, sourceId: "po_ok", payoutId: "po_ok" });
  txns.push({ ...base, id: "txn_off", created: hoursAgo(20), type: "charge", amount: 5000n, fee: 145n, net: 4855n, sourceId: "ch_x", payoutId: "po_off" });
  await db().balanceTransaction.createMany({ data: txns });
  // The payout amount is what the transactions net to.
  await db().payout.update({ where: { id: "po_ok" }, data: { amount: 60n * 170n - 1000n - 3000n } });
});

describe("payout reconciliation", () => {
  it("sums the transactions paid out, without the payout's own, and matches the amount", async () => {
    const payout = (await findPayout("po_ok"))!;
    const result = await reconcilePayout(payout);
    expect(result.count).toBe(62);
    expect(result.net).toBe(6200n);
    expect(result.fees).toBe(60n * 30n + 1500n);
    expect(result.difference).toBe(0n);
    expect(result.matches).toBe(true);
    expect(result.lines.map((l) => [l.type, Number(l.count)])).toEqual([["adjustment", 1], ["charge", 60], ["refund", 1]]);
  });

  it("flags a payout whose transactions do not add up", async () => {
    const result = await reconcilePayout((await findPayout("po_off"))!);
    expect(result.matches).toBe(false);
    expect(result.difference).toBe(4855n - 5000n);
  });

  it("does not claim a match before the transactions are linked", async () => {
    const result = await reconcilePayout((await findPayout("po_soon"))!);
    expect(result.linked).toBe(false);
    expect(result.matches).toBe(false);
  });

  it("never claims to itemise a manual payout, which Stripe cannot break down", async () => {
    const result = await reconcilePayout((await findPayout("po_manual"))!);
    expect(result).toMatchObject({ itemised: false, linked: false, matches: false, count: 0 });
  });

  it("pages through a payout's transactions", async () => {
    const seen: string[] = [];
    let cursor = null;
    do {
      const page = await listPayoutTransactions("po_ok", { cursor, limit: 25 });
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.next;
    } while (cursor);
    expect(seen).toHaveLength(63);
    expect(new Set(seen).size).toBe(63);
  });
});

describe("payout lists", () => {
  it("filters by status and lists upcoming payouts by arrival", async () => {
    expect((await listPayouts(payoutFiltersSchema.parse({ status: "paid" }))).rows.map((p) => p.id)).toEqual(["po_manual", "po_off", "po_ok"]);
    expect((await upcomingPayouts()).map((p) => p.id)).toEqual(["po_soon", "po_later"]);
  });
});
