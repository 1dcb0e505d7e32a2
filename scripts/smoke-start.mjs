// CI check of the README's first command on a fresh clone: `npm start` must build, migrate, start
// the emulator, the local mailbox and the app, create the demo merchant, print the URL and the demo
// sign-ins, let one of them sign in, and stop everything on Ctrl-C (SIGINT to its process group, as a
// terminal sends it). Ports are free ones, passed the documented way (PORT, EMULATOR_PORT, MAIL_PORT).
// Usage: node scripts/smoke-start.mjs
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { baseEnv, root } from "./lib/run.mjs";

const START_TIMEOUT_MS = 20 * 60_000;
const STOP_TIMEOUT_MS = 60_000;

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function assert(condition, message) {
  if (!condition) throw new Error(`npm start: ${message}`);
}

const [port, emulatorPort, mailPort] = [await freePort(), await freePort(), await freePort()];
const appUrl = `http://127.0.0.1:${port}`;
const env = { ...baseEnv, PORT: String(port), EMULATOR_PORT: String(emulatorPort), MAIL_PORT: String(mailPort) };
for (const name of ["DATABASE_URL", "STRIPE_SECRET_KEY", "SMTP_URL", "NEXTAUTH_URL", "APP_URL"]) delete env[name];

const child = spawn("npm", ["start"], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
let output = "";
for (const stream of [child.stdout, child.stderr]) {
  stream.setEncoding("utf8");
  stream.on("data", (chunk) => {
    output += chunk;
    process.stdout.write(chunk);
  });
}
const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve(signal ?? code)));

async function readyOrGone() {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!output.includes("Press Ctrl-C to stop.")) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`npm start: exited (${child.signalCode ?? child.exitCode}) before it was ready`);
    if (Date.now() > deadline) throw new Error(`npm start: not ready within ${START_TIMEOUT_MS / 60_000} minutes`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

try {
  await readyOrGone();
  assert(output.includes(`Ledgerline is running at http://localhost:${port}`), "it did not print the URL to open");
  assert(!output.includes("The demo merchant is not complete yet"), "the demo merchant was not completed");
  const login = /^\s+(\S+@\S+)\s+password: (\S+)\s+.*Administrator/m.exec(output);
  assert(login, "it printed no demo Administrator sign-in");

  const health = await (await fetch(`${appUrl}/api/health`)).json();
  assert(health.database?.reachable === true, `database not reachable: ${JSON.stringify(health)}`);
  const signInPage = await fetch(`${appUrl}/sign-in`);
  assert(signInPage.status === 200, `the sign-in page answered ${signInPage.status}`);

  const csrfResponse = await fetch(`${appUrl}/api/auth/csrf`);
  const { csrfToken } = await csrfResponse.json();
  const cookie = csrfResponse.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const signIn = await fetch(`${appUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken, email: login[1], password: login[2], json: "true" }),
  });
  const session = signIn.headers.getSetCookie().find((c) => c.includes("session-token"));
  assert(session, `the printed Administrator (${login[1]}) could not sign in (status ${signIn.status})`);
  console.log(`\nsmoke test of npm start: ready, URL and demo sign-ins printed, ${login[1]} signed in`);
} finally {
  if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid, "SIGINT");
  const timeout = new Promise((resolve) => setTimeout(() => resolve("timeout"), STOP_TIMEOUT_MS));
  const ended = await Promise.race([exited, timeout]);
  if (ended === "timeout") {
    process.kill(-child.pid, "SIGKILL");
    throw new Error(`npm start: still running ${STOP_TIMEOUT_MS / 1000} s after Ctrl-C`);
  }
}
const stillListening = await fetch(`${appUrl}/api/health`).then(() => true, () => false);
assert(!stillListening, "the app still answers after Ctrl-C");
console.log("smoke test of npm start: Ctrl-C stopped everything");
