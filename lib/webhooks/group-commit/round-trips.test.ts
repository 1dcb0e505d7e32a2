import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { databaseConnection, db } from "@/lib/db";
import { PgliteStatements } from "@/lib/database/pglite-statements";
import { useTestDatabase } from "@/tests/support/db";
import { T0 } from "@/tests/support/webhooks/events";
import { paymentStory } from "@/tests/support/webhooks/payment-traffic";
import { emptyWebhookTables } from "@/tests/support/webhooks/tables";
import { commitBatch, type BatchReport } from "./commit-batch";

useTestDatabase();

afterEach(async () => {
  await emptyWebhookTables();
});

/**
 * Each exchange with the database inside a batch's transaction is a wait while the batch holds its
 * payments' locks. Counted on the driver: a node-postgres query (one pipelined round trip, or
 * COMMIT), or one turn of PGlite's statements.
 */
function countExchanges(): () => number {
  const spy = databaseConnection().target.kind === "postgres" ? vi.spyOn(pg.Client.prototype, "query") : vi.spyOn(PgliteStatements.prototype, "runAll");
  return () => {
    const exchanges = spy.mock.calls.length;
    spy.mockRestore();
    return exchanges;
  };
}

async function commitPayments(payments: number, tag: string): Promise<{ exchanges: number; report: BatchReport }> {
  const events = Array.from({ length: payments }, (_, n) => paymentStory(tag, n, T0 + n * 10)).flat();
  const exchanges = countExchanges();
  let report!: BatchReport;
  const outcomes = await Promise.all(await commitBatch(events.map((event) => ({ event, source: "webhook", dependencies: {} })), (r) => (report = r)));
  expect(outcomes.map((o) => o.status)).toEqual(events.map(() => "processed"));
  return { exchanges: exchanges(), report };
}

describe("a group-commit batch", () => {
  it("waits on the database twice whatever it holds: the events' insert, then the projections with COMMIT", async () => {
    // Customers, payment intents, charges with their balance transactions, refunds: every write
    // and summary of a card payment is sent without waiting for the one before.
    const one = await commitPayments(1, "rt_one");
    expect(one.report).toMatchObject({ single: 0, rolledBack: null });
    // PGlite's COMMIT is in-process, not an exchange; PostgreSQL's goes with the projections.
    expect(one.exchanges).toBe(2);
    await emptyWebhookTables();
    const many = await commitPayments(6, "rt_many");
    expect(many.report.committed).toHaveLength(6 * 4 + 2 * 2);
    expect(many.exchanges).toBe(one.exchanges);
    // The projections landed: the refunded payments' summaries read their refunds.
    const refunded = await db().paymentIntent.findMany({ where: { amountRefunded: { gt: 0 } }, select: { id: true }, orderBy: { id: "asc" } });
    expect(refunded.map((p) => p.id)).toEqual(["pi_rt_many_0", "pi_rt_many_3"]);
  });
});
