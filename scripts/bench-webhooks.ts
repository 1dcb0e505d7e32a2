// npm run bench:webhooks [-- --requests 600] [--app-url http://127.0.0.1:3000 --secret whsec_…] [--app-dir <copy>]
// Events per second and p50/p99 latency of signed webhook deliveries at 1, 8 and 32 concurrent
// senders, against the production build of the app (`next start`; run `next build` first) and, in
// the same run, against the same server's verify-only route (lib/webhooks/verify-only.ts) outside
// and behind the proxy, the standalone ingest server (`npm run ingest`), and a bare node:http handler
// doing the same verify + insert, on the same
// database kind. DATABASE_URL=postgres://… benchmarks PostgreSQL (both share one database);
// otherwise PGlite, where each server needs its own data directory (one process per directory).
// Without --app-url the script starts the app itself on a free port and stops it afterwards.
import { runWithServerConditions } from "@/lib/stripe/script-runtime";

runWithServerConditions();

const LEVELS = [1, 8, 32];

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
  /** PostgreSQL's WAL written per request (pg_stat_wal), bytes; null on PGlite. */
  walBytesPerRequest: number | null;
}

async function main(): Promise<void> {
  const { parseArgs } = await import("node:util");
  const { spawn } = await import("node:child_process");
  const { mkdtempSync, rmSync } = await import("node:fs");
  const { freePort } = await import("../tests/support/ports");
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
  const { unsettledEventsAt } = await import("@/lib/webhooks/settled");
  const { startIngestApp } = await import("./proof/app-process");

  const { values } = parseArgs({
    options: {
      requests: { type: "string", default: "600" },
      "app-url": { type: "string" },
      // A copy of the project with its own .next, so a rebuild in the working tree cannot disturb a run.
      "app-dir": { type: "string" },
      secret: { type: "string" },
    },
    strict: true,
  });
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
  let app: ReturnType<typeof spawn> | null = null;
  if (!appUrl) {
    await migrated(appDatabaseUrl);
    const port = await freePort();
    appUrl = `http://127.0.0.1:${port}`;
    const appDir = values["app-dir"] ?? process.cwd();
    // Next's own entry point, not `npx next`: npx exits on SIGTERM and leaves the server running.
    const nextBin = path.join(appDir, "node_modules", "next", "dist", "bin", "next");
    app = spawn(process.execPath, [nextBin, "start", "--hostname", "127.0.0.1", "--port", String(port)], {
      cwd: appDir,
      env: {
        ...process.env,
        NODE_OPTIONS: "",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: appDatabaseUrl,
        STRIPE_WEBHOOK_SECRET: secret,
        NEXTAUTH_SECRET: "benchmark-secret-0123456789abcdefghij",
        NEXTAUTH_URL: appUrl,
        WEBHOOK_RETRY_INTERVAL_MS: "0",
        LEDGERLINE_BENCH_VERIFY_ROUTE: "1",
        // Emulator mode needs the emulator's keys to start; the measured events call no Stripe API
        // (customer.created), so keys of the right shape for an emulator that is not running do.
        STRIPE_EMULATOR_SECRET_KEY: emulatorKey("sk"),
        NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: emulatorKey("pk"),
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        if ((await fetch(`${appUrl}/api/health`, { signal: AbortSignal.timeout(5_000) })).ok) break;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline || app.exitCode !== null) throw new Error("the app did not start; run `next build` first");
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  // The standalone ingest server (npm run ingest): the route's own code on node:http, without Next.
  const ingestDatabaseUrl = serverUrl ?? `pglite:${path.join(scratch, "ingest")}`;
  if (!serverUrl) await migrated(ingestDatabaseUrl);
  // Started as the proof suites start it (scripts/proof/app-process.ts), which waits for its health route.
  const ingest = await startIngestApp({
    DATABASE_URL: ingestDatabaseUrl,
    STRIPE_WEBHOOK_SECRET: secret,
    NEXTAUTH_URL: appUrl,
    STRIPE_EMULATOR_SECRET_KEY: emulatorKey("sk"),
    NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: emulatorKey("pk"),
  });
  const ingestUrl = ingest.url;

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

  let sequence = 0;
  function delivery(): { body: string; signature: string } {
    sequence++;
    const created = Math.floor(Date.now() / 1000);
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
    const pid = url.startsWith(appUrl!) ? app?.pid : url.startsWith(ingestUrl) ? ingest.child.pid : undefined;
    try {
      return pid ? processTreeCpuMs(pid) : null;
    } catch {
      return null;
    }
  };

  // The cluster's WAL counter (PostgreSQL 14+): each cell runs alone, so the difference is its own.
  const walBytes = async (): Promise<number | null> => {
    if (!serverUrl) return null;
    const rows = await db().$queryRawUnsafe<{ wal_bytes: unknown }[]>(`SELECT wal_bytes FROM pg_stat_wal`).catch(() => null);
    return rows?.[0] ? Number(rows[0].wal_bytes) : null;
  };

  /**
   * An answered delivery may still be queued for the follow-up worker (lib/webhooks/settled.ts):
   * CPU and WAL are read once the app or ingest server has projected everything, so that work is
   * counted in its own cell and not in the next one. The verify-only routes and the bare server
   * store nothing to wait for.
   */
  async function untilProjected(url: string): Promise<void> {
    if (url.startsWith(bareUrl) || !url.endsWith("/api/webhooks/stripe")) return;
    const origin = new URL(url).origin;
    for (const deadline = Date.now() + 120_000; (await unsettledEventsAt(origin)) !== 0; ) {
      if (Date.now() > deadline) throw new Error(`${origin} still had events to project two minutes after its cell`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function measure(target: string, url: string, concurrency: number, requests: number): Promise<Result> {
    const walBefore = await walBytes();
    const cpuBefore = serverCpuMs(url);
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
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
    const cpuAfter = cpuBefore === null ? null : serverCpuMs(url);
    const cpuMsPerRequest = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / requests;
    const walAfter = walBefore === null ? null : await walBytes();
    const walBytesPerRequest = walBefore === null || walAfter === null ? null : (walAfter - walBefore) / requests;
    return { target, concurrency, requests, perSecond: requests / seconds, p50: at(0.5), p99: at(0.99), errors, cpuMsPerRequest, walBytesPerRequest };
  }

  const results: Result[] = [];
  try {
    const targets = [
      ["app (next start, verify + record + project)", `${appUrl}/api/webhooks/stripe`],
      ["verify-only next route, no proxy", `${appUrl}/api/webhooks/verify-only`],
      ["verify-only next route, behind the proxy", `${appUrl}/api/bench/verify-only`],
      ["standalone ingest server (npm run ingest, verify + record + project)", `${ingestUrl}/api/webhooks/stripe`],
      ["bare node:http (verify + insert)", `${bareUrl}/api/webhooks/stripe`],
    ] as const;
    for (const [target, url] of targets) {
      await measure(target, url, 4, 40); // warm-up: JIT, connection pools, route compilation
      for (const concurrency of LEVELS) results.push(await measure(target, url, concurrency, perLevel));
    }
  } finally {
    app?.kill("SIGTERM");
    if (app && app.exitCode === null) await new Promise((r) => app!.once("exit", r));
    await ingest.stop();
    await new Promise((r) => bareServer.close(r));
    setDatabaseConnection(null);
    await bare.close();
    await closeDb();
    rmSync(scratch, { recursive: true, force: true });
  }

  console.log(`\n${perLevel} signed deliveries per level, ${os.cpus().length} CPUs, Node ${process.version}\n`);
  console.log("| server | concurrency | events/s | p50 ms | p99 ms | errors | server CPU ms/request | WAL bytes/request |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const r of results) {
    console.log(`| ${r.target} | ${r.concurrency} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} | ${r.cpuMsPerRequest === null ? "—" : r.cpuMsPerRequest.toFixed(2)} | ${r.walBytesPerRequest === null ? "—" : r.walBytesPerRequest.toFixed(0)} |`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
