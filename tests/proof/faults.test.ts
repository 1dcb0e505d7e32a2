// The short Stripe-faults run (scripts/faults-suite.ts runs the long one): for each kind of fault in
// turn the emulator's POSTs fail while staff charge and refund through the app's actions; then a few
// actions lose every answer and are sent again 25 hours later, after Stripe forgot their keys.
import { describe, expect, it } from "vitest";
import { useMoneyTestbed } from "@/tests/support/money-testbed";
import { FAULT_KINDS, formatFaultsReport, runFaults } from "@/scripts/proof/faults-engine";

const bed = useMoneyTestbed();

describe("Stripe faults during staff work", () => {
  it("leave exactly one charge or refund per staff action and none stuck, for each kind, a day later too, and only clear messages", async () => {
    // A higher rate than the full run's 10 % so that a short run still meets every kind of fault.
    const report = await runFaults(bed.stripe, bed.staff.agent, { actionsPerKind: 12, rate: 0.3, control: bed.control });
    console.log(formatFaultsReport(report));
    for (const kind of report.kinds) {
      expect(kind.faultsFired, kind.name).toBeGreaterThan(0);
      expect({ kind: kind.name, duplicates: kind.duplicates, missing: kind.missing, stuck: kind.stuck }).toEqual({ kind: kind.name, duplicates: 0, missing: 0, stuck: 0 });
    }
    // The kept 500 before any work: only a new key gets the action through.
    const kept500 = FAULT_KINDS.find((f) => f.rule.kind === "fail_while_executing")!.name;
    expect(report.kinds.find((k) => k.name === kept500)?.newKeys).toBeGreaterThanOrEqual(1);
    expect(report.late.actions).toBeGreaterThanOrEqual(2);
    expect(report.notExactlyOnce).toEqual([]);
    expect(report.unclearMessages).toEqual([]);
  }, 300_000);
});
