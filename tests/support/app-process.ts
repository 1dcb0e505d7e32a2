// The app as the proof suites run it: the production server, `next start` from the .next build, in a
// child process on a port of its own. crash() SIGKILLs it, stop() sends SIGTERM. Builds nothing and
// migrates nothing: requireProductionBuild() first, and migrate the database before starting.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { freePorts } from "./ports";
import { productionBuildState, root } from "../../scripts/lib/run.mjs";

export interface AppProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Resolves with the exit code (or signal name) once the process is gone. */
  exited: Promise<number | string>;
  stop(): Promise<number | string>;
  crash(): Promise<number | string>;
}

const NEXT_BIN = path.join(root, "node_modules", "next", "dist", "bin", "next");

/** Throws, saying what to run, unless .next holds a build of the current sources. */
export function requireProductionBuild(): void {
  const state = productionBuildState();
  if (state === "fresh") return;
  const problem =
    state === "missing"
      ? "there is no production build in .next"
      : "the production build in .next is older than the sources (app/, components/, lib/, … changed since it was made)";
  throw new Error(
    `The proof suites run the real server (\`next start\`), but ${problem}. ` +
      "Run `npx next build` first (npm test builds before its tests).",
  );
}

/**
 * Starts `next start` on 127.0.0.1:port (a free port when 0) and resolves once GET /api/health
 * answers 200, i.e. the server is up and has opened its database (on PGlite: holds the directory's
 * lock). `env` overrides the defaults: the session settings required outside embedded mode, and the
 * background retry of failed events (lib/webhooks/retry-loop.ts) off should the server start it, so
 * that only the sender's retries decide what is applied when.
 */
export function startNextApp(env: Record<string, string>, port = 0, timeoutMs = 120_000): Promise<AppProcess> {
  return startServerProcess("next start", (chosen) => [NEXT_BIN, "start", "-H", "127.0.0.1", "-p", String(chosen)], env, port, timeoutMs);
}

/**
 * The standalone ingest server (`npm run ingest`, scripts/ingest.ts) instead of Next, the same way:
 * run by node itself with the server condition and tsx's loader, so that SIGKILL reaches the server
 * and not a launcher in front of it.
 */
export type Entry = "next" | "ingest";

/** The entry point a suite delivers to: the app's route under `next start`, or the standalone server. */
export function startEntry(entry: Entry): (env: Record<string, string>, port?: number) => Promise<AppProcess> {
  if (entry === "next") requireProductionBuild();
  return entry === "next" ? startNextApp : startIngestApp;
}

export const ENTRY_LABEL: Readonly<Record<Entry, string>> = { next: "next start", ingest: "the standalone ingest server" };

export function startIngestApp(env: Record<string, string>, port = 0, timeoutMs = 120_000): Promise<AppProcess> {
  return startServerProcess("npm run ingest", (chosen) => ["--conditions=react-server", "--import", "tsx", path.join(root, "scripts", "ingest.ts"), "--port", String(chosen)], env, port, timeoutMs);
}

async function startServerProcess(name: string, argsFor: (port: number) => string[], env: Record<string, string>, port: number, timeoutMs: number): Promise<AppProcess> {
  const chosen = port || (await freePorts(1))[0]!;
  const url = `http://127.0.0.1:${chosen}`;
  const child = spawn(process.execPath, argsFor(chosen), {
    cwd: root,
    env: {
      ...process.env,
      // The scripts' react-server condition would give the server React's server build everywhere.
      NODE_OPTIONS: "",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: url,
      WEBHOOK_RETRY_INTERVAL_MS: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Both pipes are read to the end: a full pipe would block the server's logging, and with it the server.
  const tails = { stdout: "", stderr: "" };
  child.stdout?.on("data", (chunk: Buffer) => (tails.stdout = (tails.stdout + chunk.toString()).slice(-4000)));
  child.stderr?.on("data", (chunk: Buffer) => (tails.stderr = (tails.stderr + chunk.toString()).slice(-4000)));
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
