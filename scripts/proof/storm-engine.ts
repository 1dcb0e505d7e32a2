// The webhook storm: realistic events from the emulator, delivered by the emulator itself
// (shuffled, 20 % sent twice, retried on its schedule) to the app's production server (`next start`
// from the .next build, on a PGlite data directory of its own), while forged (2 %) and malformed
// (1 %) deliveries arrive alongside. The server is SIGKILLed midway and restarted on the same port
// (taking over the dead process's PGlite lock); the emulator's retries must finish the job.
// Afterwards its tables must equal those of delivering the same events once, in order.
import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmulator } from "@/emulator/server";
import { openDatabase } from "@/lib/database/connect";
import { parseDatabaseUrl } from "@/lib/database/target";
import { setDatabaseConnection } from "@/lib/db";
import { applyMigrations } from "@/lib/migrations/apply";
import { createStripeClient, STRIPE_API_VERSION, type Stripe } from "@/lib/stripe/client";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/projectors";
import { webhooksSettledAt } from "@/lib/webhooks/settled";
import { mirrorState } from "@/tests/support/webhooks/tables";
import { freePorts } from "@/tests/support/ports";
import type { AppProcess } from "@/tests/support/app-process";
import { ENTRY_LABEL, startEntry, type Entry } from "@/tests/support/suite-entries";
import { inOrderMirror, mirrorDifferences } from "./in-order";
import { alertMailOutcome, drainAlertMail, expectedAlerts, formatStormMail, seedStormStaff, startStormMailbox, type StormMailReport } from "./storm-alerts";
import { listEvents, makeTraffic } from "./traffic";
import { testEmulatorKeys } from "@/tests/support/emulator-control";

export interface StormOptions {
  events: number;
  duplicateRate?: number;
  forgedRate?: number;
  malformedRate?: number;
  log?: (line: string) => void;
  /** Milliseconds the emulator waits between attempts; Stripe's real schedule spans three days. */
  retrySchedule?: number[];
  sameSecondUpdates?: boolean;
  /** A PostgreSQL database for the app (empty); PGlite in a scratch directory when absent. */
  databaseUrl?: string;
  /** What receives the deliveries: the app's route under `next start` (the default), or `npm run ingest`. */
  entry?: Entry;
  /** Staff to alert and a local SMTP server that refuses (451) for this many ms (and 10 attempts) once a quarter of the events are in (storm-alerts.ts). */
  smtpRefusingMs?: number;
}

export interface StormReport {
  events: number;
  stories: number;
  deliveries: number;
  delivered: number;
  failedAttempts: number;
  retried: number;
  eventsRetried: number;
  duplicatesSent: number;
  duplicatesIgnored: number;
  /** Bad deliveries answered 400, or 429 once their address used up its refusals for the minute. */
  rejected: { forged: number; malformed: number; rateLimited: number; unexpected: number };
  lost: number;
  killedAfterDelivered: number;
  restartMs: number;
  seconds: number;
  tablesEqual: boolean;
  differences: string[];
  /** The emulator keeps the last 20,000 attempts: above that the attempt counts are lower bounds. */
  attemptLogTruncated: boolean;
  /** Pairs of events of one object stamped with the same second, and how many of them were accepted in reverse order. */
  sameSecond: { pairs: number; reversed: number };
  alertMail?: StormMailReport;
}

interface Delivery {
  event: string;
  attempt: number;
  duplicate: boolean;
  succeeded: boolean;
}

const until = async (what: string, probe: () => Promise<boolean>, timeoutMs: number, everyMs = 500) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
};

function sign(body: string, secret: string): string {
  const t = Math.floor(Date.now() / 1000);
  return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
}

/** Sends one bad delivery until the app answers (it may be down for the crash), returning the status. */
async function sendBad(url: string, body: string, signature: string, stop: () => boolean): Promise<number | null> {
  for (let attempt = 0; !stop() && attempt < 600; attempt++) {
    try {
      const response = await fetch(`${url}/api/webhooks/stripe`, { method: "POST", body, headers: { "stripe-signature": signature, "content-type": "application/json" } });
      await response.text();
      return response.status;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return null;
}

export async function runStorm(options: StormOptions): Promise<StormReport> {
  const log = options.log ?? (() => undefined);
  const startApp = startEntry(options.entry ?? "next");
  const label = ENTRY_LABEL[options.entry ?? "next"];
  const started = Date.now();
  const types = new Set<string>(WEBHOOK_EVENT_TYPES);
  const scratch = mkdtempSync(path.join(tmpdir(), "ledgerline-storm-"));
  const dataDir = path.join(scratch, "pglite");
  const databaseUrl = options.databaseUrl ?? `pglite:${dataDir}`;
  // An account and endpoints in the SDK's version, as `webhooks:setup` leaves them; events in other
  // versions are proven in lib/webhooks/api-version.test.ts, and the in-order mirror reads GET /v1/events.
  const emulator = await startEmulator({ port: 0, dataDir: null, keys: testEmulatorKeys(), accountApiVersion: STRIPE_API_VERSION, webhookRetrySchedule: options.retrySchedule ?? [250, 500, 1000, 2000, 4000, ...Array(120).fill(5000)] });
  const stripe = createStripeClient({ mode: "emulator", secretKey: emulator.keys.secret, emulatorUrl: emulator.url });
  const control = (method: "GET" | "POST", route: string, params: Record<string, unknown> = {}) => stripe.rawRequest(method, route, params) as Promise<unknown>;
  let app: AppProcess | null = null;
  const mail = options.smtpRefusingMs !== undefined ? await startStormMailbox(scratch) : null;
  try {
    // The server migrates nothing at start-up (npm start runs db:migrate first): migrate, then let go.
    const migrating = openDatabase(parseDatabaseUrl(databaseUrl));
    await applyMigrations(migrating.adapterFactory);
    const staff = mail ? await seedStormStaff(migrating.client) : [];
    await migrating.close();
    // The endpoint first, on the port the app will have: the emulator signs with the endpoint's
    // secret, which the app must be given as STRIPE_WEBHOOK_SECRET when it starts.
    const port = (await freePorts(1))[0]!;
    const endpoint = await stripe.webhookEndpoints.create({ url: `http://127.0.0.1:${port}/api/webhooks/stripe`, enabled_events: [...types] as Stripe.WebhookEndpointCreateParams.EnabledEvent[], api_version: STRIPE_API_VERSION });
    if (!endpoint.secret) throw new Error("the emulator created a webhook endpoint without a signing secret");
    const secret = endpoint.secret;
    const env = { DATABASE_URL: databaseUrl, STRIPE_EMULATOR_URL: emulator.url, STRIPE_WEBHOOK_SECRET: secret, STRIPE_SECRET_KEY: "", STRIPE_EMULATOR_SECRET_KEY: emulator.keys.secret, NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: emulator.keys.publishable, ...(mail ? { SMTP_URL: mail.mailbox.url, ALERT_LOOP_INTERVAL_MS: "500" } : {}) };
    app = await startApp(env, port);
    log(`the app (${label}, pid ${app.child.pid}) on ${app.url}; ${options.databaseUrl ? "PostgreSQL" : `PGlite in ${dataDir}`}`);
    // A receiver on a busy machine answers late rather than never: give it Stripe's own 30 s.
    // A shuffle window of two seconds: events of the same second (which the mirror cannot order from
    // their stamps) arrive in reverse order often, so the storm tries that path and not just now and then.
    await control("POST", "/_emulator/webhooks/config", { shuffle: true, shuffle_window_ms: 2000, duplicate_rate: options.duplicateRate ?? 0.2, timeout_ms: 30_000 });

    // Forged and malformed deliveries, spread over the storm.
    let finished = false;
    const forgedCount = Math.round(options.events * (options.forgedRate ?? 0.02));
    const malformedCount = Math.round(options.events * (options.malformedRate ?? 0.01));
    const rejected = { forged: 0, malformed: 0, rateLimited: 0, unexpected: 0 };
    const appUrl = app.url;
    const bad = (async () => {
      const jobs: Array<() => Promise<void>> = [];
      for (let i = 0; i < forgedCount; i++) {
        const body = JSON.stringify({ id: `evt_forged_${i}`, object: "event", type: "charge.refunded", created: Math.floor(Date.now() / 1000), data: { object: { id: `ch_forged_${i}`, object: "charge", amount_refunded: 999999 } } });
        jobs.push(async () => {
          const status = await sendBad(appUrl, body, sign(body, "whsec_not_the_merchants"), () => finished);
          if (status === 400) rejected.forged++;
          else if (status === 429) rejected.rateLimited++;
          else rejected.unexpected++;
        });
      }
      for (let i = 0; i < malformedCount; i++) {
        const body = i % 2 === 0 ? `{"id":"evt_truncated_${i}","object":"event","type":"charge.succeeded","data":{"object":` : JSON.stringify({ hello: "world", n: i });
        jobs.push(async () => {
          const status = await sendBad(appUrl, body, sign(body, secret), () => finished);
          if (status === 400) rejected.malformed++;
          else if (status === 429) rejected.rateLimited++;
          else rejected.unexpected++;
        });
      }
      jobs.sort(() => Math.random() - 0.5);
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          for (let job = jobs.shift(); job; job = jobs.shift()) {
            await job();
            await new Promise((r) => setTimeout(r, Math.random() * 50));
          }
        }),
      );
    })();

    // The crash: once about half the expected events are in, SIGKILL, then restart on the same port.
    // The dead server leaves its PGlite lock behind; the new one serves /api/health (which startNextApp
    // waits for) only after taking that lock over and opening the database.
    const deliveries = async () => ((await control("GET", "/_emulator/deliveries")) as { data: Delivery[] }).data;
    let killedAfterDelivered = 0;
    let restartMs = 0;
    const crash = (async () => {
      await until("half the storm delivered", async () => (await deliveries()).filter((d) => d.succeeded && !d.duplicate).length >= options.events / 2, 60 * 60_000, options.events > 1000 ? 2000 : 200);
      killedAfterDelivered = (await deliveries()).filter((d) => d.succeeded && !d.duplicate).length;
      log(`SIGKILL after ${killedAfterDelivered} events delivered`);
      await app!.crash();
      const restarting = Date.now();
      app = await startApp(env, app!.port);
      restartMs = Date.now() - restarting;
      log(`restarted on the same port in ${restartMs} ms (pid ${app.child.pid})`);
    })();

    const refusing = (async () => {
      if (!mail) return;
      await until("a quarter of the storm delivered", async () => (await deliveries()).filter((d) => d.succeeded && !d.duplicate).length >= options.events / 4, 60 * 60_000, 1000);
      log(`SMTP refusing for at least ${options.smtpRefusingMs} ms after ${mail.accepted.size} alert mails accepted`);
      await mail.refuseFor(options.smtpRefusingMs!);
      log(`SMTP accepting again after ${mail.refusals()} refusals`);
    })();
    log(`making traffic for ${options.events} events…`);
    const traffic = await makeTraffic(stripe, options.events, types, { sameSecondUpdates: options.sameSecondUpdates });
    log(`${traffic.events} events from ${traffic.stories} customer stories`);
    await crash;
    await bad;
    await refusing;

    // Done when Stripe sees nothing pending, the delivery log has been quiet for a while, and the
    // app has projected every event it answered: one queued for the follow-up worker (or leased by
    // the killed process, until its lease ends) is answered but not yet in the tables compared below.
    let lastCount = -1;
    let quietSince = Date.now();
    await until(
      "the emulator's retries",
      async () => {
        const events = await listEvents(stripe, types);
        const pending = events.filter((e) => e.pending_webhooks > 0).length;
        const count = (await deliveries()).length;
        if (count !== lastCount) {
          lastCount = count;
          quietSince = Date.now();
        }
        if (pending > 0 || Date.now() - quietSince <= 6000) return false;
        return (await webhooksSettledAt(app!.url)) === true;
      },
      20 * 60_000,
      1000,
    );
    finished = true;
    // Refused mail waits out its backoff, and a mail leased by the killed server its lease (5 min).
    if (mail) await drainAlertMail(mail, expectedAlerts(await listEvents(stripe, types), staff).mails, 12 * 60_000, log);
    const log_ = await deliveries();
    await app.stop();
    app = null;

    // What the app stored, read after it stopped (PGlite has one owner at a time).
    const events = await listEvents(stripe, types);
    const stormDb = openDatabase(parseDatabaseUrl(databaseUrl));
    setDatabaseConnection(stormDb);
    const stormState = await mirrorState();
    const processed = new Set((await stormDb.client.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM stripe_events WHERE status = 'processed'`)).map((r) => r.id));
    const alertMail = mail ? await alertMailOutcome(stormDb.client, events, mail) : undefined;
    await stormDb.close();

    // The same events once each, in order, into a fresh database.
    const differences = mirrorDifferences(stormState, await inOrderMirror(stripe, events, "pglite:memory"));
    const succeeded = log_.filter((d) => d.succeeded);
    const report: StormReport = {
      events: events.length,
      stories: traffic.stories,
      deliveries: log_.length,
      delivered: succeeded.length,
      failedAttempts: log_.filter((d) => !d.succeeded).length,
      retried: log_.filter((d) => d.attempt > 1).length,
      eventsRetried: new Set(log_.filter((d) => d.attempt > 1).map((d) => d.event)).size,
      duplicatesSent: new Set(log_.filter((d) => d.duplicate).map((d) => d.event)).size,
      duplicatesIgnored: succeeded.length - new Set(succeeded.map((d) => d.event)).size,
      rejected,
      lost: events.filter((e) => !processed.has(e.id)).length,
      killedAfterDelivered,
      restartMs,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      tablesEqual: differences.length === 0,
      differences,
      attemptLogTruncated: log_.length >= 20_000,
      sameSecond: sameSecondOrder(events, log_),
      alertMail,
    };
    return report;
  } finally {
    if (app) await app.crash();
    await emulator.close();
    await mail?.mailbox.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Among events of one object stamped with the same second, the pairs the app accepted in the
 * reverse of the order Stripe made them (`events` is in emission order; the log in attempt order).
 */
function sameSecondOrder(events: Array<{ id: string; created: number; data: { object: unknown } }>, log: Delivery[]): { pairs: number; reversed: number } {
  const accepted = new Map<string, number>();
  log.forEach((d, i) => {
    if (d.succeeded && !accepted.has(d.event)) accepted.set(d.event, i);
  });
  const groups = new Map<string, number[]>();
  events.forEach((e) => {
    const objectId = (e.data.object as { id?: unknown }).id;
    const at = accepted.get(e.id);
    if (typeof objectId !== "string" || at === undefined) return;
    const key = `${objectId}@${e.created}`;
    groups.set(key, [...(groups.get(key) ?? []), at]);
  });
  let pairs = 0;
  let reversed = 0;
  for (const order of groups.values()) {
    for (let i = 0; i < order.length; i++) {
      for (let j = i + 1; j < order.length; j++) {
        pairs++;
        if (order[j]! < order[i]!) reversed++;
      }
    }
  }
  return { pairs, reversed };
}

export function formatStormReport(r: StormReport): string {
  return [
    `events ${r.events} (from ${r.stories} customer stories) in ${r.seconds} s`,
    `delivered ${r.delivered} (2xx answers, duplicates included) of ${r.deliveries} attempts`,
    `rejected ${r.rejected.forged + r.rejected.malformed + r.rejected.rateLimited} (forged ${r.rejected.forged}, malformed ${r.rejected.malformed} answered 400; ${r.rejected.rateLimited} answered 429 once their address was over its refusals for the minute; answered otherwise ${r.rejected.unexpected})`,
    `duplicates ignored ${r.duplicatesIgnored} (${r.duplicatesSent} events sent twice)`,
    `retried ${r.retried} attempts for ${r.eventsRetried} events (${r.failedAttempts} attempts failed around the SIGKILL after ${r.killedAfterDelivered} events; restart took ${r.restartMs} ms)`,
    `same-second pairs of one object ${r.sameSecond.pairs}, accepted in reverse order ${r.sameSecond.reversed}`,
    `lost ${r.lost}`,
    ...(r.attemptLogTruncated ? ["(the emulator kept only the last 20,000 attempts: delivered/retried/duplicates are lower bounds)"] : []),
    `tables equal to in-order delivery: ${r.tablesEqual ? "yes" : `NO — ${r.differences.join("; ")}`}`,
    ...(r.alertMail ? formatStormMail(r.alertMail) : []),
  ].join("\n");
}
