import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { timeLeft } from "@/lib/disputes/time-left";
import { disputeFiltersSchema, disputesAwaitingResponse, listDisputes } from "./disputes";
import { listRefunds, refundFiltersSchema } from "./refunds";

const database = useTestDatabase();
const now = new Date("2026-11-20T12:00:00Z");
const base = { livemode: false, data: {}, syncedAt: now, currency: "usd" };
const hours = (h: number) => new Date(now.getTime() + h * 3_600_000);

beforeAll(async () => {
  await database.truncateAll();
  await db().refund.createMany({
    data: Array.from({ length: 30 }, (_, i) => ({
      ...base,
      id: `re_${String(i).padStart(2, "0")}`,
      created: hours(-i),
      status: i === 3 ? "failed" : i % 2 ? "pending" : "succeeded",
      amount: 100n,
      chargeId: `ch_${i % 3}`,
      failureReason: i === 3 ? "expired_or_canceled_card" : null,
    })),
  });
  await db().dispute.createMany({
    data: [
      { ...base, id: "dp_far", created: hours(-50), status: "needs_response", reason: "fraudulent", amount: 1n, dueBy: hours(200) },
      { ...base, id: "dp_near", created: hours(-40), status: "warning_needs_response", reason: "general", amount: 1n, dueBy: hours(20) },
      { ...base, id: "dp_review", created: hours(-30), status: "under_review", reason: "fraudulent", amount: 1n, dueBy: hours(1) },
      { ...base, id: "dp_won", created: hours(-20), status: "won", reason: "duplicate", amount: 1n },
      { ...base, id: "dp_mid", created: hours(-10), status: "needs_response", reason: "fraudulent", amount: 1n, dueBy: hours(80) },
    ],
  });
});

describe("refunds", () => {
  it("pages, filters by status and finds a charge's refunds", async () => {
    const first = await listRefunds(refundFiltersSchema.parse({}), { timeZone: "UTC", limit: 20 });
    const second = await listRefunds(refundFiltersSchema.parse({}), { timeZone: "UTC", limit: 20, cursor: first.next });
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(Array.from({ length: 30 }, (_, i) => `re_${String(i).padStart(2, "0")}`));
    expect(second.next).toBeNull();
    const failed = await listRefunds(refundFiltersSchema.parse({ status: "failed" }), { timeZone: "UTC" });
    expect(failed.rows.map((r) => [r.id, r.failureReason])).toEqual([["re_03", "expired_or_canceled_card"]]);
    expect((await listRefunds(refundFiltersSchema.parse({ q: "ch_1" }), { timeZone: "UTC" })).rows).toHaveLength(10);
  });
});

describe("disputes", () => {
  it("orders the awaiting-response queue by deadline, leaving out disputes under review", async () => {
    expect((await disputesAwaitingResponse()).map((d) => d.id)).toEqual(["dp_near", "dp_mid", "dp_far"]);
  });

  it("lists newest first with status and reason filters", async () => {
    expect((await listDisputes(disputeFiltersSchema.parse({}))).rows.map((d) => d.id)).toEqual(["dp_mid", "dp_won", "dp_review", "dp_near", "dp_far"]);
    expect((await listDisputes(disputeFiltersSchema.parse({ status: "needs_response", reason: "fraudulent" }))).rows.map((d) => d.id)).toEqual(["dp_mid", "dp_far"]);
  });

  it("marks under 72 hours as urgent", () => {
    expect(timeLeft(hours(20), now)).toEqual({ text: "20 h left", urgent: true, overdue: false });
    expect(timeLeft(hours(80), now)).toEqual({ text: "3 days left", urgent: false, overdue: false });
    expect(timeLeft(hours(-1), now)?.overdue).toBe(true);
  });
});
