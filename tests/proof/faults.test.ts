// The short Stripe-faults run (scripts/faults-suite.ts runs the long one): 10 % of the emulator's
// POSTs fail in five ways while staff charge and refund through the app's actions; then a few
// actions lose every answer and are sent again 25 hours later, after Stripe forgot their keys.
import { describe, expect, it } from "vitest";
import { useMoneyTestbed } from "@/lib/audit/test-harness";
import { formatFaultsReport, runFaults } from "@/scripts/proof/faults-engine";

const bed = useMoneyTestbed();

describe("Stripe faults during staff work", () => {
  it("leave exactly one charge or refund per staff action, a day later too, and only clear messages", async () => {
    // A higher rate than the full run's 10 % so that a short run still meets every kind of fault.
    const report = await runFaults(bed.stripe, bed.staff.agent, { actions: 40, rate: 0.3, control: bed.control });
    console.log(formatFaultsReport(report));
    expect(report.faultsFired).toBeGreaterThan(0);
    expect(report.unfinished).toBe(0);
    expect(report.lateRetries).toBeGreaterThanOrEqual(2);
    expect(report.notExactlyOnce).toEqual([]);
    expect(report.unclearMessages).toEqual([]);
  }, 300_000);
});
