// npm run bench:webhooks [-- --requests 600] [--app-url http://127.0.0.1:3000 --secret whsec_…] [--app-dir <copy>]
//   [--events customers|payments] [--without-next] [--levels 1,8,32] [--cpu-prof <dir>]
// Events per second and p50/p99 latency of signed webhook deliveries at 1, 8 and 32 concurrent
// senders, against the production build of the app (`next start`; run `next build` first) and, in
// the same run, against the same server's verify-only route (lib/webhooks/verify-only.ts) outside
// and behind the proxy, the standalone ingest server (`npm run ingest`), a bare node:http handler
// doing the same verify + insert, and issue #15's baseline, a bare node:http handler doing verify,
// event log with dedupe and projection in one transaction (scripts/bench-webhooks/), on the same
// database kind. It ends with the group-commit batch sizes of each cell and issue #15's targets. DATABASE_URL=postgres://… benchmarks PostgreSQL (both share one database);
// otherwise PGlite, where each server needs its own data directory (one process per directory).
// Without --app-url the script starts the app itself on a free port and stops it afterwards.
// --events customers (the default) sends customer.created only; --events payments sends the events
// of card payments (tests/support/webhooks/payment-traffic.ts), which write payment intents, charges,
// refunds, balance transactions, summaries and activity buckets. --without-next measures only the
// standalone ingest server and the bare handler (no `next build` needed): the same lib/webhooks code
// and the same database work as the route. --levels picks the concurrencies measured; --cpu-prof
// writes a V8 CPU profile of the ingest server (node --cpu-prof) into <dir> when it stops.
import { runWithServerConditions } from "@/lib/stripe/script-runtime";
import type { AppProcess } from "@/tests/support/app-process";
import type { BatchSizes } from "./bench-webhooks/batch-tally";

runWithServerConditions();

const LEVELS = [1, 8, 32];

const ROUTE = "app (next start, verify + record + project)";
const VERIFY_ONLY = "verify-only next route, no proxy";
const INGEST = "standalone ingest server (npm run ingest, verify + record + project)";
const BASELINE = "baseline: bare node:http, one transaction (verify, event log + dedupe, projection)";

interface Result {
  target: string;
  concurrency: number;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU time of the app's server processes per request, ms; null for the in-process bare server. */
  cpuMsPerRequest: number | null;
  /** CPU time of the whole PostgreSQL cluster (postmaster, backends, background workers) per request, ms; null on PGlite or a remote server. */
  dbCpuMsPerRequest: number | null;
  /** PostgreSQL's WAL written per request (the cluster's WAL insert position), bytes; null on PGlite. */
  walBytesPerRequest: number | null;
  /** The cell's WAL as LSNs (from..to), for `pg_waldump --start from --end to`; null on PGlite. */
  walRange: string | null;
  /** Group-commit batches of the app's or the ingest server's cell; null for the other servers. */
  batches: BatchSizes | null;
}

async function main(): Promise<void> {
  const { parseArgs } = await import("node:util");
  const { mkdtempSync, rmSync } = await import("node:fs");
  const { randomBytes } = await import("node:crypto");
  const http = await import("node:http");
  const os = await import("node:os");
  const path = await import("node:path");
  const { stripeWebhooks } = await import("@/lib/stripe/client");
  const { openDatabase } = await import("@/lib/database/connect");
  const { parseDatabaseUrl, describeTarget } = await import("@/lib/database/target");
  const { setDatabaseConnection, closeDb, db } = await import("@/lib/db");
  const { applyMigrations } = await import("@/lib/migrations/apply");
  const { verifyStripeDelivery } = await import("@/lib/webhooks/verify");
  const { webhooksSettledAt } = await import("@/lib/webhooks/settled");
  const { startIngestApp, startNextServer } = await import("@/tests/support/app-process");
  const { BENCH_BATCH_LOG_ENV, parseBatchLogLine } = await import("@/lib/webhooks/group-commit/batch-log");
  const { BatchTally } = await import("./bench-webhooks/batch-tally");
  const { startOneTransactionBaseline } = await import("./bench-webhooks/one-transaction-baseline");
  const { targetRows, targetsTable } = await import("./bench-webhooks/targets");

  const { values } = parseArgs({
    options: {
      requests: { type: "string", default: "600" },
      "app-url": { type: "string" },
      // A copy of the project with its own .next, so a rebuild in the working tree cannot disturb a run.
      "app-dir": { type: "string" },
      secret: { type: "string" },
      events: { type: "string", default: "customers" },
      "without-next": { type: "boolean", default: false },
      levels: { type: "string", default: LEVELS.join(",") },
      // Writes a V8 CPU profile of the ingest server (node --cpu-prof) into this directory when it stops.
      "cpu-prof": { type: "string" },
    },
    strict: true,
  });
  if (values.events !== "customers" && values.events !== "payments") throw new Error("--events must be customers or payments");
  const withNext = !values["without-next"];
  const levels = values.levels.split(",").map(Number);
  if (levels.some((level) => !Number.isInteger(level) || level < 1)) throw new Error("--levels must be positive integers, comma-separated");
  const { paymentStory } = await import("../tests/support/webhooks/payment-traffic");
  const perLevel = Number(values.requests);
  const secret = values.secret ?? "whsec_benchmark_secret";
  const signer = { webhooks: stripeWebhooks() };
  const scratch = mkdtempSync(path.join(os.tmpdir(), "ledgerline-bench-"));
  const serverUrl = process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : null;

  const emulatorKey = (prefix: string) => `${prefix}_test_${randomBytes(18).toString("base64url").replace(/[^A-Za-z0-9]/g, "0")}`;

  async function migrated(url: string): Promise<void> {
    const connection = openDatabase(parseDatabaseUrl(url));
    try {
      await applyMigrations(connection.adapterFactory);
    } finally {
      await connection.close();
    }
  }

  const appDatabaseUrl = serverUrl ?? `pglite:${path.join(scratch, "app")}`;
  const bareDatabaseUrl = serverUrl ?? `pglite:${path.join(scratch, "bare")}`;
  console.log(`Database: ${describeTarget(parseDatabaseUrl(appDatabaseUrl))}${serverUrl ? " (shared by both servers)" : " (one data directory per server)"}`);

  // The app under test.
  let appUrl = values["app-url"] ?? null;
  let app: AppProcess | null = null;
  if (!appUrl && withNext) {
    await migrated(appDatabaseUrl);
    app = await startNextServer({
      appDir: values["app-dir"] ?? process.cwd(),
      env: {
        DATABASE_URL: appDatabaseUrl,
        STRIPE_WEBHOOK_SECRET: secret,
        WEBHOOK_RETRY_INTERVAL_MS: "0",
        LEDGERLINE_BENCH_VERIFY_ROUTE: "1",
        [BENCH_BATCH_LOG_ENV]: "1",
        // Emulator mode needs the emulator's keys to start; the measured events call no Stripe API
        // (no same-second ties, balance transactions expanded), so keys of the right shape for an
        // emulator that is not running do.
        STRIPE_EMULATOR_SECRET_KEY: emulatorKey("sk"),
        NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: emulatorKey("pk"),
      },
      echo: "stderr",
      // Counted by the batch tally below, not shown.
      hideFromEcho: (line) => parseBatchLogLine(line) !== null,
      timeoutMs: 60_000,
    });
    appUrl = app.url;
  }

  // The standalone ingest server (npm run ingest): the route's own code on node:http, without Next.
  const ingestDatabaseUrl = serverUrl ?? `pglite:${path.join(scratch, "ingest")}`;
  if (!serverUrl) await migrated(ingestDatabaseUrl);
  // Started as the proof suites start it, by the same module as the app above.
  const ingest = await startIngestApp({
    DATABASE_URL: ingestDatabaseUrl,
    STRIPE_WEBHOOK_SECRET: secret,
    NEXTAUTH_URL: appUrl ?? "http://127.0.0.1:3000",
    STRIPE_EMULATOR_SECRET_KEY: emulatorKey("sk"),
    NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: emulatorKey("pk"),
    [BENCH_BATCH_LOG_ENV]: "1",
  }, 0, 120_000, values["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(values["cpu-prof"])}`] : []);
  const ingestUrl = ingest.url;
  const batchTallies = new Map<string, InstanceType<typeof BatchTally>>([[ingestUrl, new BatchTally(ingest.child)]]);
  if (app && appUrl) batchTallies.set(appUrl, new BatchTally(app.child));

  // The bare handler: the same verification and the same event insert, nothing else.
  await migrated(bareDatabaseUrl);
  const bare = openDatabase(parseDatabaseUrl(bareDatabaseUrl));
  setDatabaseConnection(bare);
  const bareServer = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const verified = verifyStripeDelivery(Buffer.concat(chunks), String(req.headers["stripe-signature"] ?? ""), [secret]);
      if (!verified.ok) return res.writeHead(400).end(verified.reason);
      const e = verified.event;
      try {
        await db().$executeRawUnsafe(
          `INSERT INTO stripe_events (id, type, created, livemode, object_id, object_type, payload, status, processed_at)
           VALUES ($1, $2, $3::timestamptz, $4, $5, $6, $7::jsonb, 'processed', now()) ON CONFLICT (id) DO NOTHING`,
          e.id, e.type, new Date(e.created * 1000), e.livemode, e.data.object.id ?? null, e.data.object.object ?? "unknown", verified.rawBody,
        );
        res.writeHead(200).end('{"received":true}');
      } catch {
        res.writeHead(503).end();
      }
    });
  });
  await new Promise<void>((resolve) => bareServer.listen(0, "127.0.0.1", resolve));
  const bareUrl = `http://127.0.0.1:${(bareServer.address() as { port: number }).port}`;

  // Issue #15's baseline, on the bare handler's database (its own schema there).
  const baseline = await startOneTransactionBaseline(bare.driverTransaction, [secret]);

  let sequence = 0;
  // Stories are numbered by themselves, not by the delivery counter: numbered by the counter, every
  // story after the second started on a multiple of three and was refunded (six events, not 4.7).
  let payments = 0;
  const queued: string[] = [];
  const storyTag = `bench${process.pid}`;
  function delivery(): { body: string; signature: string } {
    sequence++;
    const created = Math.floor(Date.now() / 1000);
    if (values.events === "payments") {
      if (queued.length === 0) queued.push(...paymentStory(storyTag, ++payments, created).map((event) => JSON.stringify(event)));
      const body = queued.shift()!;
      return { body, signature: signer.webhooks.generateTestHeaderString({ payload: body, secret }) };
    }
    const body = JSON.stringify({
      id: `evt_bench_${process.pid}_${sequence}`, object: "event", type: "customer.created", created, livemode: false,
      api_version: "2026-10-28.endive", pending_webhooks: 1, request: { id: null, idempotency_key: null },
      data: { object: { id: `cus_bench_${sequence}`, object: "customer", created, email: `c${sequence}@example.com`, name: `Customer ${sequence}`, livemode: false, metadata: {} } },
    });
    return { body, signature: signer.webhooks.generateTestHeaderString({ payload: body, secret }) };
  }

  // Throughput on a shared, loaded machine moves with its neighbours; the CPU the server spends per
  // request does not, so it is the figure to compare between runs (Linux /proc; null elsewhere).
  const { readFileSync, readdirSync } = await import("node:fs");
  function processTreeCpuMs(pid: number): number {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    let ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      for (const child of readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").split(" ").filter(Boolean)) {
        ticks += processTreeCpuMs(Number(child)) / 10;
      }
    }
    return ticks * 10; // USER_HZ is 100 on Linux
  }
  const serverCpuMs = (url: string): number | null => {
    const pid = appUrl && url.startsWith(appUrl) ? app?.child.pid : url.startsWith(ingestUrl) ? ingest.child.pid : undefined;
    try {
      return pid ? processTreeCpuMs(pid) : null;
    } catch {
      return null;
    }
  };

  /**
   * The CPU the PostgreSQL cluster has spent: the postmaster (found as the parent of a backend of
   * ours), every process under it, and the children it has reaped (cutime/cstime), so a backend
   * that ended during the cell still counts. Each cell runs alone, so the difference is the
   * database's work for that cell, whichever server sent it. Only for a cluster on this machine.
   */
  const databaseCpuMs = async (): Promise<number | null> => {
    if (!serverUrl) return null;
    try {
      const rows = await db().$queryRawUnsafe<{ pid: number }[]>(`SELECT pg_backend_pid() AS pid`);
      const backend = readFileSync(`/proc/${rows[0]!.pid}/stat`, "utf8");
      const postmaster = Number(backend.slice(backend.lastIndexOf(")") + 2).split(" ")[1]);
      const stat = readFileSync(`/proc/${postmaster}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return processTreeCpuMs(postmaster) + (Number(fields[13]) + Number(fields[14])) * 10; // cutime, cstime
    } catch {
      return null;
    }
  };

  // The cluster's WAL insert position: each cell runs alone, so the difference is the WAL it wrote.
  // Not pg_stat_wal's wal_bytes: a backend adds its WAL there only when it reports its statistics
  // (at most once a second, and only after 10 s when idle), so a cell's figure took in the previous
  // cell's WAL or missed its own. Checkpoints during a run still add full-page images: run it on
  // a cluster with a long checkpoint_timeout and a large max_wal_size to read one cell against another.
  const walPosition = async (): Promise<{ bytes: number; lsn: string } | null> => {
    if (!serverUrl) return null;
    const rows = await db()
      .$queryRawUnsafe<{ at: unknown; lsn: string }[]>(`SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::text AS at, pg_current_wal_insert_lsn()::text AS lsn`)
      .catch(() => null);
    return rows?.[0] ? { bytes: Number(rows[0].at), lsn: rows[0].lsn } : null;
  };

  /**
   * An answered delivery may still be queued for the follow-up worker (lib/webhooks/settled.ts):
   * CPU and WAL are read once the app or ingest server has projected everything, so that work is
   * counted in its own cell and not in the next one. The verify-only routes and the bare server
   * store nothing to wait for.
   */
  async function untilProjected(url: string): Promise<void> {
    if (url.startsWith(bareUrl) || url.startsWith(baseline.url) || !url.endsWith("/api/webhooks/stripe")) return;
    const origin = new URL(url).origin;
    for (const deadline = Date.now() + 120_000; (await webhooksSettledAt(origin)) !== true; ) {
      if (Date.now() > deadline) throw new Error(`${origin} still had events to project two minutes after its cell`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function measure(target: string, url: string, concurrency: number, requests: number): Promise<Result> {
    const batchTally = url.endsWith("/api/webhooks/stripe") ? batchTallies.get(new URL(url).origin) : undefined;
    await batchTally?.take(); // the previous cell's stragglers are not this cell's
    const walBefore = await walPosition();
    const cpuBefore = serverCpuMs(url);
    const dbCpuBefore = await databaseCpuMs();
    const latencies: number[] = [];
    let errors = 0;
    let issued = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (issued < requests) {
          issued++;
          const { body, signature } = delivery();
          const t = performance.now();
          const response = await fetch(url, {
            method: "POST",
            headers: { "content-type": "application/json", "stripe-signature": signature },
            body,
          }).catch(() => null);
          if (!response || response.status !== 200) errors++;
          await response?.arrayBuffer();
          latencies.push(performance.now() - t);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    await untilProjected(url);
    const batches = (await batchTally?.take()) ?? null;
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
    const cpuAfter = cpuBefore === null ? null : serverCpuMs(url);
    const cpuMsPerRequest = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / requests;
    const dbCpuAfter = dbCpuBefore === null ? null : await databaseCpuMs();
    const dbCpuMsPerRequest = dbCpuBefore === null || dbCpuAfter === null ? null : (dbCpuAfter - dbCpuBefore) / requests;
    const walAfter = walBefore === null ? null : await walPosition();
    const walBytesPerRequest = walBefore === null || walAfter === null ? null : (walAfter.bytes - walBefore.bytes) / requests;
    const walRange = walBefore === null || walAfter === null ? null : `${walBefore.lsn}..${walAfter.lsn}`;
    return { target, concurrency, requests, perSecond: requests / seconds, p50: at(0.5), p99: at(0.99), errors, cpuMsPerRequest, dbCpuMsPerRequest, walBytesPerRequest, walRange, batches };
  }

  const results: Result[] = [];
  try {
    const nextTargets = [
      [ROUTE, `${appUrl}/api/webhooks/stripe`],
      [VERIFY_ONLY, `${appUrl}/api/webhooks/verify-only`],
      ["verify-only next route, behind the proxy", `${appUrl}/api/bench/verify-only`],
    ] as const;
    const targets = [
      ...(withNext ? nextTargets : []),
      [INGEST, `${ingestUrl}/api/webhooks/stripe`],
      ["bare node:http (verify + event insert only)", `${bareUrl}/api/webhooks/stripe`],
      [BASELINE, `${baseline.url}/api/webhooks/stripe`],
    ] as const;
    for (const [target, url] of targets) {
      await measure(target, url, 4, 40); // warm-up: JIT, connection pools, route compilation
      for (const concurrency of levels) results.push(await measure(target, url, concurrency, perLevel));
    }
  } finally {
    await app?.stop();
    await ingest.stop();
    await new Promise((r) => bareServer.close(r));
    await baseline.close();
    setDatabaseConnection(null);
    await bare.close();
    await closeDb();
    rmSync(scratch, { recursive: true, force: true });
  }

  console.log(`\n${perLevel} signed deliveries per level (${values.events === "payments" ? "card payments: customer, payment intent, charge, refund events" : "customer.created"}), ${os.cpus().length} CPUs, Node ${process.version}\n`);
  console.log("| server | concurrency | events/s | p50 ms | p99 ms | errors | server CPU ms/request | PostgreSQL CPU ms/request | WAL bytes/request |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const r of results) {
    console.log(`| ${r.target} | ${r.concurrency} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} | ${r.cpuMsPerRequest === null ? "—" : r.cpuMsPerRequest.toFixed(2)} | ${r.dbCpuMsPerRequest === null ? "—" : r.dbCpuMsPerRequest.toFixed(2)} | ${r.walBytesPerRequest === null ? "—" : r.walBytesPerRequest.toFixed(0)} |`);
  }
  const ranges = results.filter((r) => r.walRange !== null);
  if (ranges.length > 0) {
    console.log("\nWAL of each cell (pg_waldump --start … --end …):");
    for (const r of ranges) console.log(`  ${r.target}, ${r.concurrency}: ${r.walRange}`);
  }
  const batched = results.filter((r) => r.batches !== null);
  if (batched.length > 0) {
    console.log("\nGroup-commit batches per cell (deliveries that cannot join a batch are not counted):\n");
    console.log("| server | concurrency | batches | events committed in batches | mean per batch | largest | sent on to the single path | rolled back |");
    console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const { target, concurrency, batches: b } of batched) {
      if (!b) continue;
      console.log(`| ${target} | ${concurrency} | ${b.batches} | ${b.committed} | ${b.batches ? (b.committed / b.batches).toFixed(1) : "—"} | ${b.largest} | ${b.single} | ${b.rolledBack} |`);
    }
  }
  const database = serverUrl ? "postgres" : "pglite";
  console.log(`\nIssue #15's targets (${database === "postgres" ? "PostgreSQL" : "PGlite"}), as ratios within this run:\n`);
  for (const line of targetsTable(targetRows(results, { route: ROUTE, verifyOnly: VERIFY_ONLY, ingest: INGEST, baseline: BASELINE }, database, levels))) console.log(line);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
