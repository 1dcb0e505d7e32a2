// Short concurrency proofs (scripts/concurrency-suite.ts runs the long ones and prints figures).
import { describe, expect, it } from "vitest";
import { useMoneyTestbed } from "@/tests/support/money-testbed";
import { testServerUrl } from "@/tests/support/db";
import { refundStampede, twoInstancesOnePostgres } from "@/scripts/proof/concurrency-engine";

const bed = useMoneyTestbed();

describe("refund stampede", () => {
  it("20 simultaneous submissions of one refund form make one refund", async () => {
    const report = await refundStampede(bed.stripe, bed.staff.agent, 20, true);
    console.log(`same form ×20: ${report.refundsAtStripe} refund at Stripe, ${report.succeeded} answered ok, in ${report.ms} ms; messages: ${report.messages.join(" | ")}`);
    expect(report.refundsAtStripe).toBe(1);
    expect(report.succeeded).toBeGreaterThanOrEqual(1);
  }, 180_000);

  it("20 simultaneous full refunds from separate forms pay out once, the others told why", async () => {
    const report = await refundStampede(bed.stripe, bed.staff.agent, 20, false);
    console.log(`separate forms ×20: ${report.refundsAtStripe} refund at Stripe, ${report.succeeded} ok; messages: ${report.messages.join(" | ")}`);
    expect(report.refundsAtStripe).toBe(1);
    expect(report.succeeded).toBe(1);
    for (const message of report.messages) expect(message).toMatch(/^[A-Z].*[.!?]$/);
  }, 180_000);
});

// Two processes sharing one database needs a PostgreSQL server: PGlite has one owner per directory.
// The default pass runs on PGlite; CI's second pass sets TEST_DATABASE_URL and runs this. The two
// processes are `next start` from the production build, which must be current (npm test builds it),
// and then two standalone ingest servers (`npm run ingest`).
const server = testServerUrl();
describe.runIf(server).each(["next", "ingest"] as const)("two instances of %s on one PostgreSQL (runs when TEST_DATABASE_URL is set)", (entry) => {
  it("apply each event of one stream once, ending with the tables of in-order delivery", async () => {
    const report = await twoInstancesOnePostgres(server!, 150, (line) => console.log(line), {}, entry);
    console.log(JSON.stringify(report));
    expect(report.events).toBeGreaterThanOrEqual(150);
    expect(report.lost).toBe(0);
    expect(report.projectedTwice).toBe(0);
    expect(report.eventsStored).toBe(report.events);
    expect(report.differences).toEqual([]);
  }, 600_000);
});
