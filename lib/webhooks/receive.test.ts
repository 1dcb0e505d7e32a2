import { peerHeaderName } from "@/lib/security/client-address";
import { afterEach, describe, expect, it, vi } from "vitest";
import { databaseConnection, db, setDatabaseConnection } from "@/lib/db";
import { openDatabase } from "@/lib/database/connect";
import { stripeWebhooks } from "@/lib/stripe/client";
import { useTestDatabase } from "@/tests/support/db";
import { objectTimeline } from "@/lib/audit/timeline";
import { getEvent } from "./event-log";
import { receiveStripeWebhook, type ReceiveContext } from "./receive";
import { retryDueEvents } from "./retry";
import { saveStoredEndpoint } from "./settings";
import { T0, exampleObject, stripeEvent } from "@/tests/support/webhooks/events";
import { payoutFailing } from "@/tests/support/webhooks/scenarios";
import { emptyWebhookTables } from "@/tests/support/webhooks/tables";
import { MAX_CLIENTS_PER_MINUTE, REFUSALS_PER_CLIENT_PER_MINUTE, SAMPLES_PER_MINUTE } from "./rejections";
import { MAX_WEBHOOK_BODY_BYTES } from "./verify";

useTestDatabase();

const SECRET = "whsec_test_primary";
const OLD_SECRET = "whsec_test_rotating_out";
const signer = { webhooks: stripeWebhooks() };
const context: ReceiveContext = { environmentSecrets: [SECRET], dependencies: {} };

function delivery(body: string, header: string | null, address?: string): Request {
  const headers: Record<string, string> = { "content-type": "application/json" };
  // As the server stamps a request with its socket's address (lib/security/client-address.ts).
  if (address) headers[peerHeaderName()] = address;
  if (header !== null) headers["stripe-signature"] = header;
  return new Request("http://localhost/api/webhooks/stripe", { method: "POST", body, headers });
}

function signed(body: string, secret = SECRET, timestamp?: number): Request {
  return delivery(body, signer.webhooks.generateTestHeaderString({ payload: body, secret, timestamp }));
}

const customerEvent = (id = "evt_customer_1") =>
  stripeEvent("customer.created", T0, exampleObject("customer", { id: "cus_r1", email: "r@example.com", created: T0 }), id);

async function counts() {
  return {
    events: await db().stripeEvent.count(),
    customers: await db().customer.count(),
    rejections: await db().webhookRejection.count(),
  };
}

afterEach(async () => {
  await emptyWebhookTables();
});

describe("a signed delivery", () => {
  it("is stored, projected and acknowledged; its duplicate has no further effect", async () => {
    const body = JSON.stringify(customerEvent());
    const first = await receiveStripeWebhook(signed(body), context);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true, status: "processed" });
    const again = await receiveStripeWebhook(signed(body), context);
    expect(await again.json()).toEqual({ received: true, status: "duplicate" });
    const event = await db().stripeEvent.findUniqueOrThrow({ where: { id: "evt_customer_1" } });
    expect(event).toMatchObject({ status: "processed", attempts: 1, objectId: "cus_r1", objectType: "customer", source: "webhook" });
    expect(await counts()).toEqual({ events: 1, customers: 1, rejections: 0 });
  });

  it("is accepted under any configured secret (rotation) and under the stored endpoint's secret", async () => {
    const rotating: ReceiveContext = { ...context, environmentSecrets: [SECRET, OLD_SECRET] };
    expect((await receiveStripeWebhook(signed(JSON.stringify(customerEvent("evt_a")), OLD_SECRET), rotating)).status).toBe(200);
    await saveStoredEndpoint({
      id: "we_test", url: "http://127.0.0.1/api/webhooks/stripe", secret: "whsec_from_setup", enabledEvents: ["*"],
      livemode: false, savedAt: new Date().toISOString(),
    });
    const emulatorMode: ReceiveContext = { ...context, environmentSecrets: [] };
    expect((await receiveStripeWebhook(signed(JSON.stringify(customerEvent("evt_b")), "whsec_from_setup"), emulatorMode)).status).toBe(200);
    // With a secret in the environment too, the stored one is still tried when the first does not match.
    expect((await receiveStripeWebhook(signed(JSON.stringify(customerEvent("evt_c")), "whsec_from_setup"), context)).status).toBe(200);
    expect(await db().stripeEvent.count()).toBe(3);
    const stale = signed(JSON.stringify(customerEvent("evt_d")), "whsec_from_setup", Math.floor(Date.now() / 1000) - 301);
    expect(await (await receiveStripeWebhook(stale, context)).json()).toEqual({ error: "Timestamp outside the tolerance zone" });
  });

  it("of a type nobody handles is stored and acknowledged", async () => {
    const event = stripeEvent("invoice.paid", T0, { id: "in_1", object: "invoice" }, "evt_invoice");
    const response = await receiveStripeWebhook(signed(JSON.stringify(event)), context);
    expect(response.status).toBe(200);
    expect(await db().stripeEvent.findUniqueOrThrow({ where: { id: "evt_invoice" } })).toMatchObject({ status: "ignored" });
  });
});

describe("a delivery we refuse with 400, storing nothing", () => {
  const body = JSON.stringify(customerEvent());
  const cases: Array<[string, () => Request, string]> = [
    ["a signature made with another secret", () => signed(body, "whsec_someone_else"), "Signature does not match"],
    ["no signature header", () => delivery(body, null), "Missing Stripe-Signature header"],
    ["a garbled header", () => delivery(body, "nonsense"), "Signature does not match"],
    ["a body changed after signing", () => delivery(body.replace("r@example.com", "x@example.com"), signer.webhooks.generateTestHeaderString({ payload: body, secret: SECRET })), "Signature does not match"],
    ["a timestamp older than 300 s", () => signed(body, SECRET, Math.floor(Date.now() / 1000) - 301), "Timestamp outside the tolerance zone"],
    ["a body that is not JSON", () => signed("{not json"), "Body is not a Stripe event"],
    ["JSON that is not an event", () => signed(JSON.stringify({ id: "evt_x", object: "charge" })), "Body is not a Stripe event"],
    ["a body over the size cap", () => signed(JSON.stringify({ ...customerEvent(), padding: "x".repeat(MAX_WEBHOOK_BODY_BYTES) })), "Body too large"],
    ["a live-mode event at a deployment with test keys", () => signed(JSON.stringify({ ...customerEvent(), livemode: true })), "Event is not in this deployment's mode (test or live)"],
    ["an event of a connected account", () => signed(JSON.stringify({ ...customerEvent(), account: "acct_1Other" })), "Event is from another Stripe account"],
  ];
  it.each(cases)("%s", async (_name, request, message) => {
    const response = await receiveStripeWebhook(request(), context);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: message });
    expect(await counts()).toEqual({ events: 0, customers: 0, rejections: 1 });
  });

  it("a test-mode event at a deployment with live keys, and takes the live one", async () => {
    const live: ReceiveContext = { ...context, livemode: true };
    const response = await receiveStripeWebhook(signed(body), live);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "Event is not in this deployment's mode (test or live)" });
    expect(await counts()).toEqual({ events: 0, customers: 0, rejections: 1 });
    expect(await db().webhookRejection.findFirstOrThrow()).toMatchObject({ reason: "wrong_mode", count: 1 });
    expect((await receiveStripeWebhook(signed(JSON.stringify({ ...customerEvent("evt_live"), livemode: true })), live)).status).toBe(200);
    expect(await db().customer.count()).toBe(1);
  });

  it("when no secret is configured at all", async () => {
    const response = await receiveStripeWebhook(signed(body), { ...context, environmentSecrets: [] });
    expect(response.status).toBe(400);
    expect(await db().stripeEvent.count()).toBe(0);
  });
});

describe("a flood of forged deliveries", () => {
  const body = JSON.stringify(customerEvent("evt_flood"));

  it("costs a bounded number of rows: 5,000 posts from one address, answered 429 past its limit", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5000; i++) statuses.push((await receiveStripeWebhook(delivery(body, i % 2 ? "t=1,v1=forged" : null, "203.0.113.5"), context)).status);
    const refused = statuses.filter((s) => s === 400).length;
    // A minute boundary during the run may give the address a second allowance, never more.
    expect(refused).toBeGreaterThanOrEqual(REFUSALS_PER_CLIENT_PER_MINUTE);
    expect(refused).toBeLessThanOrEqual(2 * REFUSALS_PER_CLIENT_PER_MINUTE);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5000 - refused);
    // Three reasons (missing and bad signature, rate limited), per minute; one address.
    expect(await db().webhookRejection.count()).toBeLessThanOrEqual(6);
    expect(await db().webhookRejectionClient.count()).toBeLessThanOrEqual(2);
    const rows = await db().webhookRejection.findMany();
    expect(rows.reduce((sum, r) => sum + r.count, 0)).toBe(5000);
    for (const row of rows) expect((row.samples as unknown[]).length).toBeLessThanOrEqual(SAMPLES_PER_MINUTE);
    expect(rows.find((r) => r.reason === "bad_signature")!.samples).toContainEqual(
      expect.objectContaining({ client: "203.0.113.5", signature: "t=1,v1=forged" }),
    );
    expect(await db().stripeEvent.count()).toBe(0);
  }, 120_000);

  it("holds back only the flooding address; Stripe's delivery from it is retried after a 429 and lands", async () => {
    for (let i = 0; i < REFUSALS_PER_CLIENT_PER_MINUTE; i++) await receiveStripeWebhook(delivery(body, null, "203.0.113.6"), context);
    const fromElsewhere = await receiveStripeWebhook(signed(body), context);
    expect(fromElsewhere.status).toBe(200);
    const stripeDelivery = () => {
      const held = JSON.stringify(customerEvent("evt_held"));
      return delivery(held, signer.webhooks.generateTestHeaderString({ payload: held, secret: SECRET }), "203.0.113.6");
    };
    const held = await receiveStripeWebhook(stripeDelivery(), context);
    expect(held.status).toBe(429);
    expect(held.headers.get("retry-after")).toBe("60");
    expect(await db().stripeEvent.count({ where: { id: "evt_held" } })).toBe(0);
    // The next minute (here: the counts moved back a minute) the retry is accepted.
    await db().$executeRawUnsafe(`UPDATE webhook_rejection_clients SET minute = minute - interval '1 minute'`);
    const retried = await receiveStripeWebhook(stripeDelivery(), context);
    expect(retried.status).toBe(200);
  });

  it("is let through without a read while no address has been refused this minute: for the minute where this process is the only writer (PGlite), for a second with PostgreSQL", async () => {
    const reads = vi.spyOn(db(), "$queryRaw");
    const refusalCountReads = () =>
      reads.mock.calls.filter(([query]) => Array.isArray(query) && query.join("").includes("SELECT count FROM webhook_rejection_clients")).length;
    // Clear of a minute's end, which a PGlite answer is trusted until.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 45_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
    // This process's clock then stands still (the database's does not), so the deliveries fall
    // within the second a shared database's quiet answer is trusted, however slow the machine. It
    // starts ahead of the real clock, past any quiet answer an earlier test left trusted.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 2_000);
    try {
      for (let i = 0; i < 5; i++) expect((await receiveStripeWebhook(signed(JSON.stringify(customerEvent(`evt_quiet_${i}`))), context)).status).toBe(200);
      const quietReads = refusalCountReads();
      // A minute boundary of the database's clock may cost a second read.
      expect(quietReads).toBeLessThanOrEqual(2);
      // Past that second, PostgreSQL reads again: another instance may have refused someone since.
      vi.setSystemTime(Date.now() + 1_500);
      expect((await receiveStripeWebhook(signed(JSON.stringify(customerEvent("evt_quiet_later"))), context)).status).toBe(200);
      const laterReads = refusalCountReads() - quietReads;
      if (databaseConnection().target.kind === "pglite") expect(laterReads).toBe(0);
      else expect(laterReads).toBe(1);
      // Once a refusal is counted every check reads again, and the limit holds as before.
      const beforeRefusals = refusalCountReads();
      for (let i = 0; i < REFUSALS_PER_CLIENT_PER_MINUTE; i++) expect((await receiveStripeWebhook(delivery(body, null, "203.0.113.7"), context)).status).toBe(400);
      expect((await receiveStripeWebhook(delivery(body, null, "203.0.113.7"), context)).status).toBe(429);
      // (The first of them came while the minute was still quiet.)
      expect(refusalCountReads() - beforeRefusals).toBeGreaterThanOrEqual(REFUSALS_PER_CLIENT_PER_MINUTE);
    } finally {
      vi.useRealTimers();
      reads.mockRestore();
    }
  });

  it("from ever new addresses keeps at most a fixed number of address rows", async () => {
    const posts = MAX_CLIENTS_PER_MINUTE + 200;
    const firstMinute = Math.floor(Date.now() / 60_000);
    for (let i = 0; i < posts; i++) await receiveStripeWebhook(delivery(body, null, `2001:db8:${(i >> 8).toString(16)}:${(i & 255).toString(16)}::1`), context);
    // Each minute the run touched (more than two on a busy machine) holds its cap and the row counting the others.
    const minutes = Math.floor(Date.now() / 60_000) - firstMinute + 1;
    expect(await db().webhookRejectionClient.count()).toBeLessThanOrEqual(minutes * (MAX_CLIENTS_PER_MINUTE + 1));
    expect(await db().webhookRejection.count()).toBeLessThanOrEqual(minutes);
    // Every post is counted in its minute's refusal count, kept for days.
    const counted = await db().webhookRejection.findMany();
    expect(counted.reduce((sum, r) => sum + r.count, 0)).toBe(posts);
    // And in its own address's row or, past the cap, in its minute's "(others)" row. Those rows live
    // for their minute only: a run that crossed a minute saw the first refusal of the next one
    // clear the earlier minute's rows.
    const rows = await db().webhookRejectionClient.findMany();
    if (minutes === 1) {
      expect(rows.reduce((sum, r) => sum + r.count, 0)).toBe(posts);
      expect(rows.some((r) => r.client === "(others)")).toBe(true);
    } else {
      expect(rows.reduce((sum, r) => sum + r.count, 0)).toBeLessThanOrEqual(posts);
    }
  }, 120_000);
});

describe("concurrency", () => {
  it("twenty simultaneous deliveries of one event have one effect", async () => {
    const event = stripeEvent("refund.created", T0, exampleObject("refund", { id: "re_c1", amount: 700, charge: "ch_c1", payment_intent: "pi_c1", status: "succeeded", created: T0 }), "evt_conc");
    const body = JSON.stringify(event);
    const responses = await Promise.all(Array.from({ length: 20 }, () => receiveStripeWebhook(signed(body), context)));
    const statuses = await Promise.all(responses.map(async (r) => ((await r.json()) as { status: string }).status));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(statuses.filter((s) => s === "processed")).toHaveLength(1);
    expect(statuses.filter((s) => s === "duplicate")).toHaveLength(19);
    expect(await db().stripeEvent.findUniqueOrThrow({ where: { id: "evt_conc" } })).toMatchObject({ attempts: 1, status: "processed" });
    expect(await db().refund.count()).toBe(1);
    // Its own object on its row, the two it names in its links: each once.
    expect((await getEvent("evt_conc"))?.objects.map((o) => o.objectId)).toEqual(["ch_c1", "pi_c1", "re_c1"]);
    expect(await db().stripeEventObject.count({ where: { eventId: "evt_conc" } })).toBe(2);
  });
});

describe("a projection that fails", () => {
  it("keeps the event as failed with its error and retries it later, once Stripe answers", async () => {
    const scenario = payoutFailing();
    const paid = scenario.events.find((e) => e.type === "payout.paid")!;
    let stripeUp = false;
    const dependencies = {
      fetchPayoutBalanceTransactions: async (id: string) => {
        if (!stripeUp) throw new Error("connect ECONNREFUSED");
        return scenario.payoutBalanceTransactions![id]!;
      },
    };
    const response = await receiveStripeWebhook(signed(JSON.stringify(paid)), { ...context, dependencies });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, status: "failed" });
    const failed = await db().stripeEvent.findUniqueOrThrow({ where: { id: paid.id } });
    expect(failed.status).toBe("failed");
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toContain("ECONNREFUSED");
    expect(failed.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect(await db().payout.count()).toBe(0);

    // Not yet due: nothing happens.
    expect(await retryDueEvents(dependencies)).toEqual({ attempted: 0, processed: 0, failed: 0 });
    // Due, still failing: a second attempt, pushed further back.
    await db().$executeRawUnsafe(`UPDATE stripe_events SET next_attempt_at = now() - interval '1 second'`);
    expect(await retryDueEvents(dependencies)).toEqual({ attempted: 1, processed: 0, failed: 1 });
    const second = await db().stripeEvent.findUniqueOrThrow({ where: { id: paid.id } });
    expect(second.attempts).toBe(2);
    expect(second.nextAttemptAt!.getTime() - Date.now()).toBeGreaterThan(50_000);

    // A Stripe retry of the same event is not a duplicate of a failure: it is processed again.
    stripeUp = true;
    const redelivered = await receiveStripeWebhook(signed(JSON.stringify(paid)), { ...context, dependencies });
    expect(await redelivered.json()).toEqual({ received: true, status: "processed" });
    const done = await db().stripeEvent.findUniqueOrThrow({ where: { id: paid.id } });
    expect(done).toMatchObject({ status: "processed", attempts: 3, lastError: null, nextAttemptAt: null });
    expect(await db().balanceTransaction.count({ where: { payoutId: "po_fail1" } })).toBe(2);
  });

  it("inside the transaction rolls its effect back and keeps the event failed, then the retry loop processes it", async () => {
    // An amount beyond PostgreSQL's bigint makes the charge insert itself fail mid-transaction.
    const charge = exampleObject("charge", { id: "ch_huge", amount: 1e30, created: T0, payment_intent: "pi_huge", refunds: undefined });
    const event = stripeEvent("charge.succeeded", T0, charge, "evt_huge");
    const response = await receiveStripeWebhook(signed(JSON.stringify(event)), context);
    expect(await response.json()).toEqual({ received: true, status: "failed" });
    expect(await db().charge.count()).toBe(0);
    const stored = await db().stripeEvent.findUniqueOrThrow({ where: { id: "evt_huge" } });
    expect(stored).toMatchObject({ status: "failed", attempts: 1 });
    // The database's own sentence, without the driver's multi-line wrapping.
    expect(stored.lastError).toMatch(/^value "\d+" is out of range for type bigint$/);
    // On its charge's and its payment's timelines all the same.
    expect((await objectTimeline(["ch_huge"])).map((e) => e.key)).toEqual(["evt_huge"]);
    expect((await objectTimeline(["pi_huge"])).map((e) => e.key)).toEqual(["evt_huge"]);

    // The bug gets fixed (here: the stored payload is corrected) and the loop picks the event up.
    const fixed = { ...event, data: { object: { ...charge, amount: 1000 } } };
    await db().$executeRawUnsafe(
      `UPDATE stripe_events SET payload = $1::jsonb, next_attempt_at = now() - interval '1 second' WHERE id = 'evt_huge'`,
      JSON.stringify(fixed),
    );
    expect(await retryDueEvents({})).toEqual({ attempted: 1, processed: 1, failed: 0 });
    expect(await db().charge.findUniqueOrThrow({ where: { id: "ch_huge" } })).toMatchObject({ amount: 1000n });
  });
});

describe("an unreachable database", () => {
  it("answers 503 so Stripe delivers again", async () => {
    const working = databaseConnection();
    const unreachable = openDatabase({ kind: "postgres", url: "postgres://nobody:nothing@127.0.0.1:1/none" });
    setDatabaseConnection(unreachable);
    try {
      const response = await receiveStripeWebhook(signed(JSON.stringify(customerEvent("evt_down"))), context);
      expect(response.status).toBe(503);
      const withEnvSecretOnly = await receiveStripeWebhook(signed(JSON.stringify(customerEvent("evt_down"))), context);
      expect(withEnvSecretOnly.status).toBe(503);
    } finally {
      setDatabaseConnection(working);
      await unreachable.close();
    }
    expect(await db().stripeEvent.count()).toBe(0);
  });
});
