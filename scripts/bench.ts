// npm run bench [-- --quick] [--skip-postgres] — runs every benchmark of the project and rewrites
// BENCHMARKS.md with the machine, the date, the figures and each one's ratio to its baseline:
//  · emulator latency (emulator/bench.ts) against a bare node:http round trip on the same machine;
//  · webhook ingest (scripts/bench-webhooks.ts): the app under `next start` against a bare node:http
//    handler doing verify + insert and against the same server's verify-only route (outside and
//    behind the proxy), on PGlite and on PostgreSQL; its output (kept whole) also has issue #15's
//    one-transaction baseline, the group-commit batch sizes and the issue's targets, met or not;
//  · pages at scale (scripts/load-scale.ts, then scripts/bench-pages-http.ts and scripts/bench-pages.ts)
//    on PGlite and PostgreSQL: every dashboard page through `next start` against the health route
//    of the same server, and the list pages' own render against their main SQL statement;
//  · first-load JS per route (from the last `next build`) against the framework's shared chunks.
// --quick uses a smaller scale (2 % of a million payments, fewer requests); the file says which.
// PostgreSQL: TEST_DATABASE_URL, or a throwaway PostgreSQL 15 cluster started for the run.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";

const { values } = parseArgs({ options: { quick: { type: "boolean" }, "skip-postgres": { type: "boolean" } }, strict: true });
const quick = Boolean(values.quick);
const root = process.cwd();
const SCALE_FACTOR = quick ? "0.02" : "1";
const EMULATOR_CALLS = quick ? "300" : "2000";
const WEBHOOK_REQUESTS = quick ? "200" : "600";
const KEPT_MARKER = "<!-- The sections below are kept as they are when npm run bench rewrites this file. -->";

interface Ran {
  ok: boolean;
  output: string;
  seconds: number;
}

function run(args: string[], env: Record<string, string> = {}, timeoutMs = 60 * 60_000): Promise<Ran> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn("npx", ["tsx", ...args], { cwd: root, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let errors = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => {
      errors = (errors + c.toString()).slice(-3000);
      process.stderr.write(c);
    });
    const timer = setTimeout(() => child.kill("SIGTERM"), timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ ok: code === 0, output: code === 0 ? output : `${output}\n(failed, exit ${code})\n${errors}`, seconds: (Date.now() - started) / 1000 });
    });
  });
}

/** Median round trip of an empty keep-alive request to a bare node:http server: the emulator's floor. */
async function bareHttpMedianMs(calls: number): Promise<number> {
  const server = http.createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end("{}"));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  const agent = new http.Agent({ keepAlive: true });
  const once = () =>
    new Promise<void>((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port, path: "/", agent }, (res) => res.resume().on("end", () => resolve()));
      req.on("error", reject);
      req.end();
    });
  for (let i = 0; i < 100; i++) await once();
  const samples: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t = process.hrtime.bigint();
    await once();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  agent.destroy();
  await new Promise<void>((r) => server.close(() => r()));
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

const cells = (line: string) => line.split("|").slice(1, -1).map((c) => c.trim());
const rowsOf = (markdown: string) => markdown.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| ---"));
const number = (text: string | undefined) => Number((text ?? "").replace(/[^\d.]/g, ""));

function emulatorRatios(output: string, bareMs: number): string {
  const rows = rowsOf(output).slice(1);
  const lines = ["| call | median ms | × bare node:http round trip |", "| --- | ---: | ---: |"];
  for (const row of rows) {
    const [call, , median] = cells(row);
    lines.push(`| ${call} | ${median} | ${(number(median) / bareMs).toFixed(1)}× |`);
  }
  return lines.join("\n");
}

function webhookRatios(output: string): string {
  const rows = rowsOf(output).filter((r) => /^\| (app|bare|verify-only|standalone)/.test(r)).map(cells);
  const at = (prefix: string, concurrency: string | undefined) => rows.find((r) => r[0]!.startsWith(prefix) && r[1] === concurrency);
  const ratio = (a: string[] | undefined, b: string[] | undefined, column = 2) => (a && b ? (number(a[column]) / number(b[column])).toFixed(2) : "—");
  const lines = [
    "| concurrency | app events/s | bare events/s | app ÷ bare | app p99 ÷ bare p99 | app ÷ verify-only (no proxy) | verify-only behind proxy ÷ no proxy | ingest server events/s | ingest server ÷ bare | ingest server p99 ms | app WAL ÷ bare WAL |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const app of rows.filter((r) => r[0]!.startsWith("app"))) {
    const bare = at("bare", app[1]);
    if (!bare) continue;
    const verifyOnly = at("verify-only next route, no proxy", app[1]);
    const proxied = at("verify-only next route, behind", app[1]);
    const ingest = at("standalone ingest server", app[1]);
    const wal = app[7] && app[7] !== "—" && bare[7] && bare[7] !== "—" ? `${ratio(app, bare, 7)}×` : "—";
    lines.push(
      `| ${app[1]} | ${app[2]} | ${bare[2]} | ${ratio(app, bare)} | ${(number(app[4]) / number(bare[4])).toFixed(1)}× | ${ratio(app, verifyOnly)} | ${ratio(proxied, verifyOnly)} | ${ingest?.[2] ?? "—"} | ${ratio(ingest, bare)} | ${ingest?.[4] ?? "—"} | ${wal} |`,
    );
  }
  return lines.length > 2 ? lines.join("\n") : "(no comparable rows)";
}

function pageRatios(output: string): string {
  const rows = rowsOf(output).map(cells).filter((r) => r.length === 5 && r[0] !== "page");
  const lines = ["| page | render p50 | main query SQL | render ÷ SQL |", "| --- | ---: | ---: | ---: |"];
  for (const r of rows) lines.push(`| ${r[0]} | ${r[1]} | ${r[3]} | ${r[3] === "—" ? "—" : `${(number(r[1]) / number(r[3])).toFixed(1)}×`} |`);
  return lines.join("\n");
}

/** The framework chunks every route loads (rootMainFiles): the floor of any route's first load. */
function sharedJsKb(): { raw: number; gzip: number } | null {
  const manifest = path.join(root, ".next", "build-manifest.json");
  if (!existsSync(manifest)) return null;
  const files = (JSON.parse(readFileSync(manifest, "utf8")) as { rootMainFiles: string[] }).rootMainFiles;
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const full = path.join(root, ".next", f);
    if (!existsSync(full)) continue;
    const bytes = readFileSync(full);
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
  }
  return { raw: raw / 1024, gzip: gzip / 1024 };
}

function firstLoadRatios(output: string): string {
  const shared = sharedJsKb();
  const start = output.indexOf("#### First-load JS");
  if (start < 0 || !shared) return "(no `next build` output to measure)";
  const rows = rowsOf(output.slice(start)).map(cells).filter((r) => r[0] !== "route");
  const lines = [
    `Shared framework chunks: ${shared.raw.toFixed(0)} kB (${shared.gzip.toFixed(0)} kB gzipped).`,
    "",
    "| route | first-load JS | gzipped | × shared chunks (gzipped) |",
    "| --- | ---: | ---: | ---: |",
  ];
  for (const r of rows) lines.push(`| ${r[0]} | ${r[2]} | ${r[3]} | ${(number(r[3]) / shared.gzip).toFixed(2)}× |`);
  return lines.join("\n");
}

async function main(): Promise<void> {
  const started = Date.now();
  const sections: string[] = [];
  const scratch = mkdtempSync(path.join(os.tmpdir(), "ledgerline-bench-all-"));
  const { serverForSuites } = await import("./proof/server-for-suites");
  const server = values["skip-postgres"] ? null : await serverForSuites();
  const pgDatabase = async (name: string) => {
    if (!server) return null;
    const pg = (await import("pg")).default;
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    return Object.assign(new URL(server.url), { pathname: `/${name}` }).toString();
  };
  const built = existsSync(path.join(root, ".next", "BUILD_ID"));
  try {
    console.log("· emulator latency");
    const bare = await bareHttpMedianMs(Number(EMULATOR_CALLS));
    const emulator = await run(["emulator/bench.ts", "--calls", EMULATOR_CALLS]);
    sections.push(
      "## Stripe emulator latency",
      "",
      `Baseline: an empty keep-alive request to a bare node:http server, median ${bare.toFixed(3)} ms.`,
      "",
      emulator.output.trim(),
      "",
      emulator.ok ? emulatorRatios(emulator.output, bare) : "",
    );

    for (const kind of ["PGlite", "PostgreSQL"] as const) {
      const url = kind === "PGlite" ? "" : await pgDatabase("ledgerline_bench_webhooks");
      if (url === null) continue;
      console.log(`· webhook ingest on ${kind}`);
      sections.push("", `## Webhook ingest on ${kind}`, "");
      if (!built) {
        sections.push("Not measured: no `next build` output (the app is measured under `next start`).");
        continue;
      }
      const result = await run(["scripts/bench-webhooks.ts", "--requests", WEBHOOK_REQUESTS], { DATABASE_URL: url });
      sections.push(result.output.trim(), "", "Ratios to the bare node:http baseline and to the verify-only route of the same server:", "", result.ok ? webhookRatios(result.output) : "(failed)");
    }

    for (const kind of ["PGlite", "PostgreSQL"] as const) {
      const url = kind === "PGlite" ? `pglite:${path.join(scratch, "scale")}` : await pgDatabase("ledgerline_bench_pages");
      if (url === null) continue;
      console.log(`· loading ${SCALE_FACTOR === "1" ? "a million" : `${Number(SCALE_FACTOR) * 1_000_000}`} payments into ${kind}`);
      const load = await run(["scripts/load-scale.ts"], { DATABASE_URL: url, SCALE_FACTOR });
      console.log(`· pages on ${kind}`);
      const pages = load.ok ? await run(["scripts/bench-pages.ts"], { DATABASE_URL: url, BENCH_RUNS: quick ? "10" : "30" }) : load;
      console.log(`· every page through next start on ${kind}`);
      const served = !load.ok ? load : built ? await run(["scripts/bench-pages-http.ts"], { DATABASE_URL: url, BENCH_RUNS: quick ? "10" : "30" }) : null;
      sections.push(
        "",
        `## Pages at scale on ${kind}`,
        "",
        `Loaded in ${load.seconds.toFixed(0)} s.`,
        "",
        served ? served.output.trim() : "Not measured through `next start`: no `next build` output.",
        "",
        "### The list pages' own work, without Next",
        "",
        // Its own heading names the database again; the section heading above already does.
        pages.output.trim().replace(/^### .*\n+/, ""),
        "",
        "Render against the main query:",
        "",
        pages.ok ? pageRatios(pages.output) : "(failed)",
      );
      if (kind === "PGlite" && pages.ok) sections.push("", "## First-load JavaScript per route", "", firstLoadRatios(pages.output));
    }
  } finally {
    server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }

  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const header = [
    "# Benchmarks",
    "",
    `Written by \`npm run bench${quick ? " -- --quick" : ""}\` on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC in ${((Date.now() - started) / 60_000).toFixed(1)} minutes.`,
    "",
    `Machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB memory, load average ${os.loadavg()[0]!.toFixed(1)} at the end, Node ${process.version}, ${os.platform()} ${os.release()}.`,
    "",
    quick
      ? `Scale: **quick** — ${Number(SCALE_FACTOR) * 1_000_000} payments (${Number(SCALE_FACTOR) * 100} % of the full million), ${EMULATOR_CALLS} emulator calls per row, ${WEBHOOK_REQUESTS} deliveries per concurrency level. \`npm run bench\` without --quick runs the full million.`
      : `Scale: **full** — 1,000,000 payments, ${EMULATOR_CALLS} emulator calls per row, ${WEBHOOK_REQUESTS} deliveries per concurrency level.`,
    "",
    "After the generated sections: how the page figures are made and what made the pages fast, and the proof suites' figures (kept across rewrites).",
    "",
  ];
  const previous = existsSync(path.join(root, "BENCHMARKS.md")) ? readFileSync(path.join(root, "BENCHMARKS.md"), "utf8") : "";
  // Hand-recorded sections (a full-scale run, the proof suites' figures) survive a rewrite.
  const keptFrom = previous.indexOf(KEPT_MARKER);
  const proof = keptFrom >= 0 ? `\n${previous.slice(keptFrom)}` : "";
  writeFileSync(path.join(root, "BENCHMARKS.md"), `${[...header, ...sections].join("\n").replace(/\n{3,}/g, "\n\n")}\n${proof}`);
  console.log(`BENCHMARKS.md rewritten (${quick ? "quick" : "full"} scale).`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
