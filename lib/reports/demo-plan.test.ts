import { describe, expect, it } from "vitest";
import { demoPlan } from "./demo-plan";

const end = Date.UTC(2026, 10, 27, 12) / 1000;

describe("demoPlan", () => {
  it("spreads 60 days of history in order, ending before now, with every story the dashboard shows", () => {
    const { steps, days, compact } = demoPlan(end - 61 * 86_400, end);
    expect([days, compact]).toEqual([60, false]);
    expect(steps.every((s, i) => i === 0 || steps[i - 1]!.at <= s.at)).toBe(true);
    expect(steps.every((s) => s.at < end && s.at >= end - 61 * 86_400)).toBe(true);
    const payments = steps.filter((s) => s.kind === "payment");
    expect(payments.length).toBeGreaterThan(250);
    expect(new Set(payments.map((p) => p.currency))).toEqual(new Set(["usd", "eur", "jpy"]));
    const cards = new Set(payments.map((p) => p.card));
    for (const card of ["saved", "pm_card_createDispute", "pm_card_createDisputeInquiry", "pm_card_createIssuerFraudRecord", "pm_card_pendingRefund", "pm_card_refundFail", "pm_card_authenticationRequired", "pm_card_chargeDeclined"]) {
      expect(cards).toContain(card);
    }
    expect(steps.filter((s) => s.kind === "evidence").map((s) => s.kind === "evidence" && s.submit)).toEqual([true, true, true, false]);
    expect(steps.some((s) => s.kind === "fail_next_payout")).toBe(true);
    // Refunds: partial and full, all after their payment.
    const at = new Map(payments.map((p) => [p.key, p.at]));
    for (const refund of steps.filter((s) => s.kind === "refund")) expect(refund.at).toBeGreaterThan(at.get(refund.key)!);
  });

  it("compresses the story into the last hours when the clock is already at now", () => {
    const { steps, compact } = demoPlan(end - 30, end);
    expect(compact).toBe(true);
    expect(steps.every((s) => s.at >= end - 2 * 3600 && s.at < end)).toBe(true);
    expect(steps.filter((s) => s.kind === "payment").length).toBeGreaterThan(30);
  });
});

describe("demoPlan over a shorter history", () => {
  it("keeps every dispute story, each evidence step after its payment", () => {
    const { steps, days } = demoPlan(end - 21 * 86_400, end);
    expect(days).toBe(21);
    const payments = new Map(steps.filter((s) => s.kind === "payment").map((p) => [p.key, p.at]));
    const evidence = steps.filter((s) => s.kind === "evidence");
    expect(evidence).toHaveLength(4);
    // Stripe opens the dispute a minute after the payment; evidence comes hours later at least.
    for (const e of evidence) expect(e.at - payments.get(e.key)!).toBeGreaterThan(3600);
  });
});
