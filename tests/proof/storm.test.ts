// The short webhook storm (scripts/storm.ts runs the full one): a few hundred events, shuffled,
// 20 % duplicated, forged and malformed deliveries alongside, the receiving process SIGKILLed midway.
import { describe, expect, it } from "vitest";
import { formatStormReport, runStorm } from "@/scripts/proof/storm-engine";

describe("webhook storm", () => {
  it("loses nothing, rejects every bad delivery and ends with the tables of in-order delivery", async () => {
    const report = await runStorm({ events: 200, forgedRate: 0.05, malformedRate: 0.025 });
    console.log(formatStormReport(report));
    expect(report.events).toBeGreaterThanOrEqual(200);
    expect(report.lost).toBe(0);
    expect(report.failedAttempts, "the SIGKILL should have cost some attempts").toBeGreaterThan(0);
    expect(report.retried).toBeGreaterThan(0);
    expect(report.duplicatesIgnored).toBeGreaterThan(0);
    expect(report.rejected).toEqual({ forged: 10, malformed: 5, unexpected: 0 });
    expect(report.differences).toEqual([]);
  }, 600_000);
});
