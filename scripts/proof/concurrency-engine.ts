// Concurrency proofs. (1) Many identical refund submissions at once reach Stripe as one refund.
// (2) Two instances of the app's production server (`next start` from the .next build, each on its
// own port) on one PostgreSQL database, each receiving every event (two endpoints, shuffled,
// duplicated), give one effect per event and the tables of in-order delivery.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { startEmulator } from "@/emulator/server";
import type { StaffActor } from "@/lib/audit/staff-action";
import { openDatabase } from "@/lib/database/connect";
import { parseDatabaseUrl } from "@/lib/database/target";
import { db, setDatabaseConnection } from "@/lib/db";
import { applyMigrations } from "@/lib/migrations/apply";
import { createStripeClient, STRIPE_API_VERSION, type Stripe } from "@/lib/stripe/client";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/projectors";
import { webhooksSettledAt } from "@/lib/webhooks/settled";
import { mirrorState } from "@/tests/support/webhooks/tables";
import { freePorts } from "@/tests/support/ports";
import type { AppProcess } from "@/tests/support/app-process";
import { ENTRY_LABEL, startEntry, type Entry } from "@/tests/support/suite-entries";
import { inOrderMirror, mirrorDifferences } from "./in-order";
import { listEvents, makeTraffic, type TrafficOptions } from "./traffic";
import { testEmulatorKeys } from "@/tests/support/emulator-control";

/** A customer with a saved card and one paid payment, made through the app's own actions. */
export async function paidThroughActions(stripe: Stripe, agent: StaffActor, amount = "100.00"): Promise<string> {
  const { createCustomer, sendCardLink } = await import("@/lib/customers/manage");
  const { completeCardSetup } = await import("@/lib/customers/card-setup");
  const { chargeSavedCard } = await import("@/lib/payments/charge");
  const created = await createCustomer(agent, { actionId: randomUUID(), name: "Stampede Customer", email: `stampede-${randomUUID()}@example.com` });
  if (!created.ok || !created.objectId) throw new Error(JSON.stringify(created));
  const linked = await sendCardLink(agent, { actionId: randomUUID(), customerId: created.objectId });
  if (!linked.ok || !linked.objectId || !linked.link) throw new Error(JSON.stringify(linked));
  await stripe.setupIntents.confirm(linked.objectId, { payment_method: "pm_card_bypassPending" });
  const saved = await completeCardSetup(linked.link.split("/").pop());
  if (!saved.ok) throw new Error(JSON.stringify(saved));
  const card = await db().paymentMethod.findFirstOrThrow({ where: { customerId: created.objectId } });
  const charged = await chargeSavedCard(agent, { actionId: randomUUID(), customerId: created.objectId, paymentMethodId: card.id, amount, currency: "usd", description: "Stampede" });
  if (!charged.ok || !charged.objectId) throw new Error(JSON.stringify(charged));
  return charged.objectId;
}

export interface StampedeReport {
  submissions: number;
  /** Refunds Stripe holds for the payment afterwards. */
  refundsAtStripe: number;
  succeeded: number;
  /** What the other submissions were told. */
  messages: string[];
  ms: number;
}

/**
 * `submissions` refund requests for one payment at the same instant. sameForm: the one form sent
 * again and again (one action id: double clicks, retries, several tabs of one form). Otherwise each
 * is its own form asking for the whole amount, and only one can be paid out.
 */
export async function refundStampede(stripe: Stripe, agent: StaffActor, submissions: number, sameForm: boolean): Promise<StampedeReport> {
  const { refundPayment } = await import("@/lib/refunds/refund");
  const paymentIntentId = await paidThroughActions(stripe, agent);
  const actionId = randomUUID();
  const started = Date.now();
  const results = await Promise.all(
    Array.from({ length: submissions }, () =>
      refundPayment(agent, { actionId: sameForm ? actionId : randomUUID(), paymentIntentId, amount: "100.00", reason: "requested_by_customer", confirmOverBalance: true }),
    ),
  );
  const ms = Date.now() - started;
  const refunds = await stripe.refunds.list({ payment_intent: paymentIntentId, limit: 100 });
  return {
    submissions,
    refundsAtStripe: refunds.data.length,
    succeeded: results.filter((r) => r.ok).length,
    messages: [...new Set(results.map((r) => (r.ok ? r.message : r.error)))],
    ms,
  };
}

export interface TwoInstanceReport {
  events: number;
  deliveries: number;
  /** Attempts answered with other than 2xx (or not at all), by answer. */
  failedAttempts: Record<string, number>;
  eventsStored: number;
  /** Events whose projection ran more than once (attempts > 1). */
  projectedTwice: number;
  lost: number;
  tablesEqual: boolean;
  differences: string[];
  seconds: number;
}

async function createDatabase(serverUrl: string, label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `ledgerline_${label}_${process.pid}_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  return {
    url,
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}


export async function twoInstancesOnePostgres(
  serverUrl: string,
  targetEvents: number,
  log: (line: string) => void = () => undefined,
  traffic_: TrafficOptions = {},
  entry: Entry = "next",
): Promise<TwoInstanceReport> {
  const startApp = startEntry(entry);
  const label = ENTRY_LABEL[entry];
  const started = Date.now();
  const types = new Set<string>(WEBHOOK_EVENT_TYPES);
  const shared = await createDatabase(serverUrl, "two");
  const reference = await createDatabase(serverUrl, "ref");
  // An account and endpoints in the SDK's version, as `webhooks:setup` leaves them.
  const emulator = await startEmulator({ port: 0, dataDir: null, keys: testEmulatorKeys(), accountApiVersion: STRIPE_API_VERSION, webhookRetrySchedule: [250, 500, 1000, 2000, 4000, ...Array(10).fill(5000)] });
  const stripe = createStripeClient({ mode: "emulator", secretKey: emulator.keys.secret, emulatorUrl: emulator.url });
  const apps: AppProcess[] = [];
  try {
    const migrate = openDatabase(parseDatabaseUrl(shared.url));
    await applyMigrations(migrate.adapterFactory);
    await migrate.close();
    // Migrated here because the server migrates nothing at start-up. Each instance must know both
    // endpoints' secrets when it starts, so the endpoints come first, on the instances' ports.
    const ports = await freePorts(2);
    const endpoints = [];
    for (const port of ports) {
      endpoints.push(await stripe.webhookEndpoints.create({ url: `http://127.0.0.1:${port}/api/webhooks/stripe`, enabled_events: [...types] as Stripe.WebhookEndpointCreateParams.EnabledEvent[], api_version: STRIPE_API_VERSION }));
    }
    // Each instance accepts both endpoints' secrets, as during a rotation.
    const env = { DATABASE_URL: shared.url, STRIPE_EMULATOR_URL: emulator.url, STRIPE_WEBHOOK_SECRET: endpoints.map((e) => e.secret).join(","), STRIPE_SECRET_KEY: "", STRIPE_EMULATOR_SECRET_KEY: emulator.keys.secret, NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: emulator.keys.publishable };
    const starting = await Promise.allSettled(ports.map((port) => startApp(env, port)));
    // One that started while the other failed must still be stopped (finally, below).
    for (const result of starting) if (result.status === "fulfilled") apps.push(result.value);
    const failed = starting.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
    log(`two instances of ${label} (pids ${apps.map((a) => a.child.pid).join(", ")}, on ${apps.map((a) => a.url).join(" and ")}) on one PostgreSQL database`);
    await stripe.rawRequest("POST", "/_emulator/webhooks/config", { shuffle: true, duplicate_rate: 0.2, timeout_ms: 30_000 });
    const traffic = await makeTraffic(stripe, targetEvents, types, traffic_);
    log(`${traffic.events} events from ${traffic.stories} customer stories`);
    const deliveries = async () => ((await stripe.rawRequest("GET", "/_emulator/deliveries", {})) as unknown as { data: unknown[] }).data.length;
    let last = -1;
    let quietSince = Date.now();
    for (const deadline = Date.now() + 10 * 60_000; ; ) {
      const pending = (await listEvents(stripe, types)).filter((e) => e.pending_webhooks > 0).length;
      const count = await deliveries();
      if (count !== last) [last, quietSince] = [count, Date.now()];
      // Answered is not projected: both instances share one database, so either reports its backlog.
      const settled = pending === 0 && Date.now() - quietSince > 3000 ? await webhooksSettledAt(apps[0]!.url) : null;
      if (settled === true) break;
      if (Date.now() > deadline) throw new Error(`deliveries did not finish: ${pending} events pending, the app ${settled === false ? "still projecting" : "not asked or not answering"}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    await Promise.all(apps.splice(0).map((a) => a.stop()));
    const failedAttempts: Record<string, number> = {};
    const log_ = ((await stripe.rawRequest("GET", "/_emulator/deliveries", {})) as unknown as { data: Array<{ succeeded: boolean; status: number | null; error: string | null }> }).data;
    for (const d of log_.filter((x) => !x.succeeded)) {
      const key = d.status ? String(d.status) : (d.error ?? "no answer");
      failedAttempts[key] = (failedAttempts[key] ?? 0) + 1;
    }

    const events = await listEvents(stripe, types);
    const sharedDb = openDatabase(parseDatabaseUrl(shared.url));
    setDatabaseConnection(sharedDb);
    const sharedState = await mirrorState();
    const stored = await sharedDb.client.$queryRawUnsafe<{ id: string; attempts: number; status: string }[]>(`SELECT id, attempts, status::text FROM stripe_events`);
    await sharedDb.close();

    const differences = mirrorDifferences(sharedState, await inOrderMirror(stripe, events, reference.url));
    const processed = new Set(stored.filter((r) => r.status === "processed").map((r) => r.id));
    return {
      events: events.length,
      deliveries: last,
      failedAttempts,
      eventsStored: stored.length,
      projectedTwice: stored.filter((r) => Number(r.attempts) > 1).length,
      lost: events.filter((e) => !processed.has(e.id)).length,
      tablesEqual: differences.length === 0,
      differences,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
  } finally {
    await Promise.all(apps.map((a) => a.crash()));
    await emulator.close();
    await shared.drop();
    await reference.drop();
  }
}
