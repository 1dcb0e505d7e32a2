// Every figure of the disputes analytics against a fixture computed by hand, on the real database
// (PGlite, or PostgreSQL with TEST_DATABASE_URL). The period is March 2026 in New York, whose clocks
// move on 8 March: it starts at 05:00 UTC on 1 March and ends at 04:00 UTC on 1 April.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { analyticsCsv } from "./csv";
import { disputeAnalytics } from "./figures";
import { readPeriod, type AnalyticsPeriod } from "./period";

useTestDatabase();

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

async function charge(id: string, created: string, status = "succeeded") {
  await db().charge.create({ data: { id, livemode: false, created: at(created), status, amount: 1000n, currency: "usd", paid: status === "succeeded", data: {}, syncedAt: new Date() } });
}

async function dispute(id: string, o: { charge: string | null; created: string; status: string; reason?: string; amount: bigint; currency?: string; network?: string; withdrawn?: boolean }) {
  await db().dispute.create({
    data: {
      id, livemode: false, created: at(o.created), status: o.status, reason: o.reason ?? "general", amount: o.amount, currency: o.currency ?? "usd", chargeId: o.charge,
      fundsWithdrawnAt: o.withdrawn ? at(o.created) : null,
      data: o.network ? { payment_method_details: { type: "card", card: { network: o.network, brand: o.network } } } : {},
      syncedAt: new Date(),
    },
  });
}

let period: AnalyticsPeriod;

beforeAll(async () => {
  const reading = readPeriod({ from: "2026-03-01", to: "2026-03-31" }, "America/New_York");
  if (!reading.ok) throw new Error(reading.message);
  period = reading.period;

  // Successful charges in the period: ch_1 … ch_5 and ch_9 (ch_5 at 03:30 UTC on 1 April is 23:30 on 31 March in New York).
  await charge("ch_1", "2026-03-02T12:00:00Z");
  await charge("ch_2", "2026-03-10T12:00:00Z");
  await charge("ch_3", "2026-03-20T12:00:00Z");
  await charge("ch_4", "2026-03-31T12:00:00Z");
  await charge("ch_5", "2026-04-01T03:30:00Z");
  await charge("ch_6", "2026-03-01T04:30:00Z"); // 23:30 on 28 February in New York: outside
  await charge("ch_7", "2026-03-05T12:00:00Z", "failed"); // not a successful charge
  await charge("ch_8", "2026-02-15T12:00:00Z"); // outside
  // The counts follow later changes: one charge succeeds after it was made, one is deleted.
  await charge("ch_9", "2026-03-07T12:00:00Z", "pending");
  await db().charge.update({ where: { id: "ch_9" }, data: { status: "succeeded" } });
  await charge("ch_10", "2026-03-08T12:00:00Z");
  await db().charge.delete({ where: { id: "ch_10" } });

  await dispute("dp_a", { charge: "ch_1", created: "2026-03-05T12:00:00Z", status: "won", reason: "fraudulent", amount: 3000n, network: "visa", withdrawn: true }); // $30
  await dispute("dp_b", { charge: "ch_2", created: "2026-03-12T12:00:00Z", status: "lost", reason: "fraudulent", amount: 15000n, network: "mastercard", withdrawn: true }); // $150
  await dispute("dp_c", { charge: "ch_8", created: "2026-03-15T12:00:00Z", status: "won", reason: "product_not_received", amount: 60000n, currency: "jpy", network: "visa", withdrawn: true }); // ¥60,000
  await dispute("dp_d", { charge: "ch_3", created: "2026-04-02T12:00:00Z", status: "needs_response", amount: 2000n, withdrawn: true }); // opened after the period
  await dispute("dp_e", { charge: "ch_4", created: "2026-03-31T13:00:00Z", status: "warning_closed", amount: 5000n }); // inquiry, closed
  await dispute("dp_f", { charge: "ch_6", created: "2026-03-20T12:00:00Z", status: "needs_response", amount: 25000n, withdrawn: true }); // inquiry, escalated
  await dispute("dp_g", { charge: "ch_5", created: "2026-03-25T12:00:00Z", status: "warning_needs_response", amount: 1000n }); // inquiry, open
  await dispute("dp_h", { charge: null, created: "2026-03-06T12:00:00Z", status: "prevented", amount: 700n }); // prevented: not a dispute to count

  const created = (id: string, status: string, when: string) =>
    db().stripeEvent.create({ data: { id: `evt_${id}`, type: "charge.dispute.created", created: at(when), livemode: false, objectId: id, objectType: "dispute", payload: { id: `evt_${id}`, type: "charge.dispute.created", data: { object: { id, object: "dispute", status } } } } });
  await created("dp_f", "warning_needs_response", "2026-03-20T12:00:00Z");
  await created("dp_b", "needs_response", "2026-03-12T12:00:00Z");

  const staff = await db().staffUser.create({ data: { email: "analyst@analytics.test", name: "Analyst", roles: ["dispute_analyst"], passwordHash: "unused" } });
  let n = 0;
  const submitted = (disputeId: string, openedAt: string, hours: number, status: "succeeded" | "failed" = "succeeded") =>
    db().staffAction.create({
      data: { actorId: staff.id, kind: "dispute.evidence.submit", objectType: "dispute", objectId: disputeId, params: {}, idempotencyKey: `k${++n}`, status, completedAt: new Date(at(openedAt).getTime() + hours * HOUR) },
    });
  await submitted("dp_a", "2026-03-05T12:00:00Z", 10);
  await submitted("dp_b", "2026-03-12T12:00:00Z", 30);
  await submitted("dp_b", "2026-03-12T12:00:00Z", 50); // a later row for the same dispute: the first counts
  await submitted("dp_c", "2026-03-15T12:00:00Z", 5, "failed"); // failed: not a response
  await submitted("dp_d", "2026-04-02T12:00:00Z", 1); // opened after the period
}, 120_000);

describe("disputes analytics (hand-computed fixture)", () => {
  it("reads the period in the account's zone", () => {
    expect(period.start.toISOString()).toBe("2026-03-01T05:00:00.000Z");
    expect(period.end.toISOString()).toBe("2026-04-01T04:00:00.000Z");
  });

  it("computes every figure", async () => {
    const a = await disputeAnalytics(period);
    expect(a.charges).toBe(6);
    // By dispute date: a, b, c, e, f, g (d opened in April, h prevented).
    expect(a.disputesByDisputeDate).toBe(6);
    expect(a.rateByDisputeDate).toBe(1);
    // By charge date: disputes on ch_1…ch_5, whenever opened: a, b, d, e, g.
    expect(a.disputesByChargeDate).toBe(5);
    expect(a.rateByChargeDate).toBeCloseTo(5 / 6, 10);
    expect(a.overall).toEqual({ key: "all", won: 2, lost: 1, rate: 2 / 3 });
    expect(a.byReason).toEqual([
      { key: "fraudulent", won: 1, lost: 1, rate: 0.5 },
      { key: "product_not_received", won: 1, lost: 0, rate: 1 },
    ]);
    expect(a.byNetwork).toEqual([
      { key: "visa", won: 2, lost: 0, rate: 1 },
      { key: "mastercard", won: 0, lost: 1, rate: 0 },
    ]);
    // $30, $150 and ¥60,000: bands are in each currency's own unit.
    expect(a.byAmountBand).toEqual([
      { key: "under_50", won: 1, lost: 0, rate: 1 },
      { key: "50_to_200", won: 0, lost: 1, rate: 0 },
      { key: "200_to_1000", won: 0, lost: 0, rate: null },
      { key: "1000_plus", won: 1, lost: 0, rate: 1 },
    ]);
    expect(a.money).toEqual([
      { currency: "jpy", disputed: 60000n, lost: 0n, recovered: 60000n },
      // a + b + f took funds; e and g are inquiries, h was prevented.
      { currency: "usd", disputed: 43000n, lost: 15000n, recovered: 3000n },
    ]);
    // 10 h (a) and 30 h (b's first submission): median 20, p90 10 + 0.9 × 20 = 28.
    expect(a.response.responded).toBe(2);
    expect(a.response.medianHours).toBeCloseTo(20, 6);
    expect(a.response.p90Hours).toBeCloseTo(28, 6);
    expect(a.inquiries).toEqual({ open: 1, closed: 1, escalated: 1 });
    expect(a.perDay).toHaveLength(31);
    expect(a.perDay.filter((d) => d.disputes > 0)).toEqual([
      { day: "2026-03-05", disputes: 1 },
      { day: "2026-03-12", disputes: 1 },
      { day: "2026-03-15", disputes: 1 },
      { day: "2026-03-20", disputes: 1 },
      { day: "2026-03-25", disputes: 1 },
      { day: "2026-03-31", disputes: 1 },
    ]);
  });

  it("writes the same figures as CSV, locale-free", async () => {
    const csv = analyticsCsv(await disputeAnalytics(period));
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("section,group,metric,value");
    expect(lines).toContain("period,,time_zone,America/New_York");
    expect(lines).toContain("dispute_rate,by_dispute_date,rate,1.000000");
    expect(lines).toContain("dispute_rate,by_charge_date,rate,0.833333");
    expect(lines).toContain("win_rate,all,win_rate,0.666667");
    expect(lines).toContain('win_rate_by_amount_band,"200 to under 1,000",win_rate,');
    expect(lines).toContain("money,jpy,recovered,60000");
    expect(lines).toContain("money,usd,disputed,430.00");
    expect(lines).toContain("time_to_respond,,median_hours,20.00");
    expect(lines).toContain("inquiries,,escalated,1");
  });

  it("shows no rate rather than 0 for an empty period, and refuses a period backwards or too long", async () => {
    const empty = readPeriod({ from: "2025-01-01", to: "2025-01-31" }, "UTC");
    if (!empty.ok) throw new Error(empty.message);
    const a = await disputeAnalytics(empty.period);
    expect([a.charges, a.rateByDisputeDate, a.rateByChargeDate, a.overall.rate, a.response.medianHours]).toEqual([0, null, null, null, null]);
    expect(readPeriod({ from: "2026-03-31", to: "2026-03-01" }, "UTC")).toEqual({ ok: false, message: "The period starts (2026-03-31) after it ends (2026-03-01): swap the dates." });
    expect(readPeriod({ from: "2020-01-01", to: "2026-03-01" }, "UTC")).toMatchObject({ ok: false, message: expect.stringContaining("at most 731 days") });
    expect(readPeriod({ from: "2026-02-30" }, "UTC")).toMatchObject({ ok: false, message: expect.stringContaining("February 2026 has 28 days") });
  });
});
