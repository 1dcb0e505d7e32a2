import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { encodeCursor } from "@/lib/listing/keyset";
import { useTestDatabase } from "@/tests/support/db";
import { eventFiltersSchema, eventsPageQuery, getEvent, listEvents, webhookHealth } from "./event-log";
import { recordStripeEvent } from "./record";
import { noteRejectedDelivery } from "./rejections";
import { T0, exampleObject, stripeEvent } from "@/tests/support/webhooks/events";
import { refundedTwiceThenDisputeWon } from "@/tests/support/webhooks/scenarios";

useTestDatabase();

const scenario = refundedTwiceThenDisputeWon();

beforeAll(async () => {
  for (const event of scenario.events) await recordStripeEvent(event, "webhook");
  // One that fails (bigint overflow), one we do not handle.
  await recordStripeEvent(stripeEvent("charge.succeeded", T0 + 500, exampleObject("charge", { id: "ch_bad", amount: 1e30, refunds: undefined })), "webhook");
  await recordStripeEvent(stripeEvent("invoice.paid", T0 + 600, { id: "in_1", object: "invoice" }), "webhook");
  const sample = { client: "192.0.2.1", declaredBytes: null, signature: null, userAgent: null };
  await noteRejectedDelivery("bad_signature", sample);
  await noteRejectedDelivery("bad_signature", sample);
  await noteRejectedDelivery("stale_timestamp", sample);
});

const list = (filters: Record<string, string>) =>
  listEvents(eventFiltersSchema.parse(filters), { timeZone: "UTC", cursor: null, limit: 100 });

describe("the event log", () => {
  it("filters by type, a type family, status, object and date", async () => {
    expect((await list({})).rows).toHaveLength(scenario.events.length + 2);
    expect((await list({ type: "refund.created" })).rows.map((r) => r.type)).toEqual(["refund.created", "refund.created"]);
    expect((await list({ type: "charge.dispute.*" })).rows).toHaveLength(5);
    expect((await list({ status: "failed" })).rows.map((r) => r.objectId)).toEqual(["ch_bad"]);
    expect((await list({ status: "ignored" })).rows.map((r) => r.type)).toEqual(["invoice.paid"]);
    // A charge's timeline includes its refunds' and dispute's events.
    expect((await list({ object: "ch_rtd1" })).rows).toHaveLength(scenario.events.length - 1);
    const day = new Date(T0 * 1000).toISOString().slice(0, 10);
    expect((await list({ from: day, to: day })).rows.length).toBeGreaterThan(0);
    expect((await list({ from: "2000-01-01", to: "2000-01-02" })).rows).toHaveLength(0);
    // An unknown status is refused by name; an object id that cannot be one matches no filter.
    expect(eventFiltersSchema.safeParse({ status: "nonsense" }).error?.issues.map((i) => i.message)).toEqual(["Unknown event status “nonsense”: choose one from the list."]);
    expect(eventFiltersSchema.parse({ object: "x' OR 1=1" })).toEqual({});
  });

  it("reads the partial status index whatever status a cached plan was made for", async () => {
    // A plan kept for a prepared statement knows no parameter value, so it may read the index
    // (WHERE status <> 'processed') only if the query states that predicate itself.
    const query = eventsPageQuery(eventFiltersSchema.parse({ status: "failed" }), "UTC", null, 50);
    const literal = (value: unknown) => `'${String(value).replace(/'/g, "''")}'`;
    const plan = await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL plan_cache_mode = force_generic_plan");
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      await tx.$executeRawUnsafe(`PREPARE event_log_status_page AS ${query.text}`);
      try {
        const rows = await tx.$queryRawUnsafe<{ plan: string }[]>(
          `EXPLAIN (FORMAT JSON) EXECUTE event_log_status_page(${query.values.map(literal).join(", ")})`,
        );
        return JSON.stringify(rows);
      } finally {
        await tx.$executeRawUnsafe("DEALLOCATE event_log_status_page");
      }
    });
    expect(plan).toContain("stripe_events_status_created_id_idx");
  });

  it("pages newest first with a keyset cursor", async () => {
    const first = await listEvents({}, { timeZone: "UTC", limit: 5 });
    expect(first.rows).toHaveLength(5);
    expect(first.next).not.toBeNull();
    const second = await listEvents({}, { timeZone: "UTC", limit: 5, cursor: first.next });
    expect(second.rows[0]!.created.getTime()).toBeLessThanOrEqual(first.rows[4]!.created.getTime());
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(10);
    expect(encodeCursor(first.next!)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it("shows one event with its payload and the objects it touches", async () => {
    const refundEvent = scenario.events.find((e) => e.type === "refund.created")!;
    const detail = await getEvent(refundEvent.id);
    expect(detail).toMatchObject({ id: refundEvent.id, status: "processed", attempts: 1 });
    expect(detail!.objects.map((o) => o.objectId).sort()).toEqual(["ch_rtd1", "pi_rtd1", "re_rtd1"]);
    expect((detail!.payload as { id: string }).id).toBe(refundEvent.id);
    expect(await getEvent("not-an-id")).toBeNull();
  });

  it("reports webhook health", async () => {
    const health = await webhookHealth();
    expect(health.lastEvent?.type).toBe("invoice.paid");
    expect(health.failedLast24h).toBe(1);
    expect(health.awaitingRetry).toBe(1);
    expect(health.stuckFailed).toBe(0);
    expect(health.rejectionsLast24h).toEqual([
      { reason: "bad_signature", count: 2 },
      { reason: "stale_timestamp", count: 1 },
    ]);
    await db().$executeRawUnsafe(`UPDATE stripe_events SET next_attempt_at = NULL WHERE status = 'failed'`);
    expect((await webhookHealth()).stuckFailed).toBe(1);
  });
});
