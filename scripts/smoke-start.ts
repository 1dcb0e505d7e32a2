// CI check of the README's first command on a fresh clone: `npm start` must build, migrate, start
// the emulator, the local mailbox and the app, create the demo merchant, print the URL and the demo
// sign-ins, let one of them sign in, and stop everything on Ctrl-C (SIGINT to its process group, as a
// terminal sends it). Ports are free ones, passed the documented way (PORT, EMULATOR_PORT, MAIL_PORT).
// Usage: npx tsx scripts/smoke-start.ts
import { spawn } from "node:child_process";
import { signInOverHttp } from "../tests/support/http-sign-in";
import { freePorts } from "../tests/support/ports";
import { baseEnv, root } from "./lib/run.mjs";

const START_TIMEOUT_MS = 20 * 60_000;
const STOP_TIMEOUT_MS = 60_000;

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`npm start: ${message}`);
}

async function main(): Promise<void> {
  const [port, emulatorPort, mailPort] = await freePorts(3);
  const appUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...baseEnv, PORT: String(port), EMULATOR_PORT: String(emulatorPort), MAIL_PORT: String(mailPort) };
  // The embedded default: whatever this machine configures for itself must not leak in.
  for (const name of ["DATABASE_URL", "STRIPE_SECRET_KEY", "SMTP_URL", "NEXTAUTH_URL", "APP_URL"]) delete env[name];

  const child = spawn("npm", ["start"], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      output += chunk;
      process.stdout.write(chunk);
    });
  }
  const exited = new Promise<string | number | null>((resolve) => child.once("exit", (code, signal) => resolve(signal ?? code)));
  const running = () => child.exitCode === null && child.signalCode === null;

  try {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (!output.includes("Press Ctrl-C to stop.")) {
      assert(running(), `exited (${child.signalCode ?? child.exitCode}) before it was ready`);
      assert(Date.now() < deadline, `not ready within ${START_TIMEOUT_MS / 60_000} minutes`);
      await new Promise((r) => setTimeout(r, 500));
    }
    assert(output.includes(`Ledgerline is running at http://localhost:${port}`), "it did not print the URL to open");
    assert(!output.includes("The demo merchant is not complete yet"), "the demo merchant was not completed");
    const login = /^\s+(\S+@\S+)\s+password: (\S+)\s+Administrator\b/m.exec(output);
    assert(login, "it printed no demo Administrator sign-in");

    const health = (await (await fetch(`${appUrl}/api/health`)).json()) as { database?: { reachable?: boolean } };
    assert(health.database?.reachable === true, `database not reachable: ${JSON.stringify(health)}`);
    const signInPage = await fetch(`${appUrl}/sign-in`);
    assert(signInPage.status === 200, `the sign-in page answered ${signInPage.status}`);
    await signInOverHttp(appUrl, login[1]!, login[2]!);
    console.log(`\nsmoke test of npm start: ready, URL and demo sign-ins printed, ${login[1]} signed in`);
  } finally {
    if (running()) process.kill(-child.pid!, "SIGINT");
    const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), STOP_TIMEOUT_MS).unref());
    if ((await Promise.race([exited, timeout])) === "timeout") {
      process.kill(-child.pid!, "SIGKILL");
      throw new Error(`npm start: still running ${STOP_TIMEOUT_MS / 1000} s after Ctrl-C`);
    }
  }
  const stillAnswering = await fetch(`${appUrl}/api/health`).then(
    () => true,
    () => false,
  );
  assert(!stillAnswering, "the app still answers after Ctrl-C");
  console.log("smoke test of npm start: Ctrl-C stopped everything");
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
