// The one way a test, a proof suite or a benchmark starts the app: the production server, `next start`
// from a .next build (or the standalone ingest server), in a child process on a port of its own, ready
// once GET /api/health answers 200. crash() SIGKILLs it, stop() sends SIGTERM. Builds nothing and
// migrates nothing: check the build first (suite-entries.ts) and migrate the database before starting.
// Imports nothing from scripts/lib/run.mjs, which Playwright's loader cannot load (e2e/pages.spec.ts
// starts its app here).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { freePorts } from "./ports";

const root = path.resolve(__dirname, "..", "..");

export interface AppProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Resolves with the exit code (or signal name) once the process is gone. */
  exited: Promise<number | string>;
  stop(): Promise<number | string>;
  crash(): Promise<number | string>;
}

/**
 * What of the server's output reaches this process's own stdout and stderr. Both are read whatever
 * the choice, so that a server that fails to start is reported with its last words.
 */
export type ServerEcho = "nothing" | "stderr" | "both";

/** Variables to set; an undefined value leaves one out. */
export type ServerEnv = Record<string, string | undefined>;

export interface NextServerOptions {
  /**
   * Overrides the environment: the caller's own, plus a fresh NEXTAUTH_SECRET and NEXTAUTH_URL at the
   * server's address (both required outside embedded mode), NODE_ENV=production and no NODE_OPTIONS.
   */
  env?: ServerEnv;
  /** 0 (the default) for a free one. */
  port?: number;
  host?: string;
  /** The project whose .next and node_modules are served: a copy of it, say; the repository by default. */
  appDir?: string;
  echo?: ServerEcho;
  /** Lines of the server's stderr not to echo (a log written for the caller to read), still kept for its failure report. */
  hideFromEcho?: (line: string) => boolean;
  timeoutMs?: number;
}

/**
 * `next start` from the app directory's build, and resolves once GET /api/health answers 200, i.e.
 * the server is up and has opened its database (on PGlite: holds the directory's lock). Next's own
 * entry point, run by node itself, not `npx next`: npx exits on SIGTERM and leaves the server running,
 * and SIGKILL must reach the server, not a launcher in front of it.
 */
export function startNextServer(options: NextServerOptions = {}): Promise<AppProcess> {
  const appDir = options.appDir ?? root;
  const nextBin = path.join(appDir, "node_modules", "next", "dist", "bin", "next");
  const host = options.host ?? "127.0.0.1";
  return startServerProcess({
    name: "next start",
    argsFor: (port) => [nextBin, "start", "--hostname", host, "--port", String(port)],
    cwd: appDir,
    host,
    env: options.env ?? {},
    port: options.port ?? 0,
    echo: options.echo ?? "nothing",
    hideFromEcho: options.hideFromEcho,
    timeoutMs: options.timeoutMs ?? 120_000,
  });
}

/**
 * The proof suites' environment: the background retry of failed events (lib/webhooks/retry-loop.ts)
 * off should the server start it, so that only the sender's retries decide what is applied when.
 */
const SUITE_ENV = { WEBHOOK_RETRY_INTERVAL_MS: "0" };

/** `next start` as the proof suites and benchmarks run it: quiet, with SUITE_ENV under `env`. */
export function startNextApp(env: Record<string, string>, port = 0, timeoutMs = 120_000): Promise<AppProcess> {
  return startNextServer({ env: { ...SUITE_ENV, ...env }, port, timeoutMs });
}

/**
 * The standalone ingest server (`npm run ingest`, scripts/ingest.ts) instead of Next, the same way:
 * run by node itself with the server condition and tsx's loader, so that SIGKILL reaches the server
 * and not a launcher in front of it.
 */
export function startIngestApp(env: Record<string, string>, port = 0, timeoutMs = 120_000, nodeArgs: readonly string[] = []): Promise<AppProcess> {
  return startServerProcess({
    name: "npm run ingest",
    // Node's own options (--cpu-prof, say), which NODE_OPTIONS does not take.
    argsFor: (chosen) => [...nodeArgs, "--conditions=react-server", "--import", "tsx", path.join(root, "scripts", "ingest.ts"), "--port", String(chosen)],
    cwd: root,
    host: "127.0.0.1",
    env: { ...SUITE_ENV, ...env },
    port,
    echo: "nothing",
    timeoutMs,
  });
}

interface ServerProcessSpec {
  name: string;
  argsFor: (port: number) => string[];
  cwd: string;
  host: string;
  env: ServerEnv;
  port: number;
  echo: ServerEcho;
  hideFromEcho?: (line: string) => boolean;
  timeoutMs: number;
}

async function startServerProcess({ name, argsFor, cwd, host, env, port, echo, hideFromEcho, timeoutMs }: ServerProcessSpec): Promise<AppProcess> {
  const chosen = port || (await freePorts(1))[0]!;
  const url = `http://${host}:${chosen}`;
  const child = spawn(process.execPath, argsFor(chosen), {
    cwd,
    env: {
      ...process.env,
      // The scripts' react-server condition would give the server React's server build everywhere.
      NODE_OPTIONS: "",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: url,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // A server outliving the test or script that started it would hold its port and its database.
  const stopWithParent = () => child.kill("SIGTERM");
  process.once("exit", stopWithParent);
  child.once("exit", () => process.off("exit", stopWithParent));
  // Both pipes are read to the end: a full pipe would block the server's logging, and with it the server.
  const tails = { stdout: "", stderr: "" };
  child.stdout?.on("data", (chunk: Buffer) => {
    tails.stdout = (tails.stdout + chunk.toString()).slice(-4000);
    if (echo === "both") process.stdout.write(chunk);
  });
  // Filtered by whole lines: a chunk may end mid-line, so its last piece waits for the next chunk.
  let partialLine = "";
  const echoStderr = (chunk: Buffer) => {
    if (!hideFromEcho) return void process.stderr.write(chunk);
    const lines = (partialLine + chunk.toString()).split("\n");
    partialLine = lines.pop() ?? "";
    const shown = lines.filter((line) => !hideFromEcho(line));
    if (shown.length > 0) process.stderr.write(`${shown.join("\n")}\n`);
  };
  child.stderr?.on("data", (chunk: Buffer) => {
    tails.stderr = (tails.stderr + chunk.toString()).slice(-4000);
    if (echo !== "nothing") echoStderr(chunk);
  });
  const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown")));
  const signal = (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    return exited;
  };
  const output = () => (tails.stderr.trim() ? `stderr:\n${tails.stderr}` : `no stderr; stdout:\n${tails.stdout}`);

  const gone = () => child.exitCode ?? child.signalCode;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (gone() !== null) {
      // Its last words may still be in the pipe when the exit is reported.
      await Promise.race([new Promise((r) => child.once("close", r)), new Promise((r) => setTimeout(r, 1000))]);
      throw new Error(`${name} on port ${chosen} exited (${gone()}) before serving; ${output()}`);
    }
    const status = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) })
      .then(async (response) => (await response.arrayBuffer(), response.status))
      .catch(() => null);
    if (status === 200 && gone() === null) break;
    if (Date.now() > deadline) {
      await signal("SIGKILL");
      throw new Error(`${name} on port ${chosen} did not answer GET /api/health with 200 within ${timeoutMs / 1000} s (last: ${status ?? "no answer"}); ${output()}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, port: chosen, child, exited, stop: () => signal("SIGTERM"), crash: () => signal("SIGKILL") };
}
