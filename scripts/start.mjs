// `npm start`: the product on the embedded default. Installs, builds when the sources changed,
// migrates the embedded database, starts the Stripe emulator and the app, seeds the demo staff on the
// first run and prints where to sign in. Ctrl-C stops everything it started.
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { join, resolve } from "node:path";
import { baseEnv, ensureBuilt, ensureInstalled, ensurePrismaClient, root, run, waitForUrl } from "./lib/run.mjs";

const host = "127.0.0.1";
const appPort = Number(process.env.PORT ?? 3000);
const emulatorPort = Number(process.env.EMULATOR_PORT ?? 12111);
// The local mailbox for alert mail, when SMTP_URL names no server of one's own.
const mailPort = Number(process.env.MAIL_PORT ?? 2525);
const localMailbox = !process.env.SMTP_URL;
const appUrl = `http://${host}:${appPort}`;
// Where people open it: by name, since a passkey's relying party must be a host name, never an IP
// address. The server listens on 127.0.0.1, which browsers reach as localhost.
const publicUrl = process.env.NEXTAUTH_URL ?? `http://localhost:${appPort}`;
const emulatorUrl = `http://${host}:${emulatorPort}`;
const embedded = !process.env.DATABASE_URL && !process.env.STRIPE_SECRET_KEY;

const env = {
  ...baseEnv,
  NEXTAUTH_URL: publicUrl,
  APP_URL: process.env.APP_URL ?? appUrl,
  ...(process.env.STRIPE_SECRET_KEY ? {} : { STRIPE_EMULATOR_URL: emulatorUrl }),
};

// Children are started as node processes, not through npx: npx does not pass a SIGTERM on, so
// stopping this script would leave the server and the emulator running.
const NEXT_BIN = "node_modules/next/dist/bin/next";
const children = [];
function startChild(name, command, args) {
  const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
  child.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`${name} stopped unexpectedly (${signal ?? `exit ${code}`}); stopping everything.`);
      void stop(1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill("SIGTERM");
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null)));
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));

async function portInUse(port) {
  try {
    await fetch(`http://${host}:${port}/`, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch (error) {
    return error?.cause?.code !== "ECONNREFUSED";
  }
}

async function waitForPort(port, child, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The local mailbox exited with ${child.exitCode}`);
    const open = await new Promise((r) => {
      const socket = connect(port, host);
      socket.once("connect", () => {
        socket.destroy();
        r(true);
      });
      socket.once("error", () => r(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`The local mailbox did not listen on ${port} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function main() {
  const firstRun = !existsSync(join(root, ".data", "pglite"));
  // Database, session secret and the emulator's journal live here: owner-only, also when an
  // earlier version created it readable by everyone.
  mkdirSync(join(root, ".data"), { recursive: true, mode: 0o700 });
  chmodSync(join(root, ".data"), 0o700);
  // A new emulator account starts 60 days back so the demo merchant has a history to show.
  const newEmulatorAccount = !existsSync(join(root, ".data", "emulator"));
  await ensureInstalled();
  await ensurePrismaClient();
  await ensureBuilt();
  for (const [port, what] of [[appPort, "the app (PORT)"], [emulatorPort, "the Stripe emulator (EMULATOR_PORT)"], [mailPort, "the local mailbox (MAIL_PORT)"]]) {
    if (!embedded && port === emulatorPort) continue;
    if (!localMailbox && port === mailPort) continue;
    if (await portInUse(port)) throw new Error(`Port ${port} is already in use; it is needed for ${what}. Stop what holds it or set ${what.match(/\((\w+)\)/)[1]}.`);
  }

  console.log(firstRun ? "Creating the database…" : "Applying database migrations…");
  await run("npx", ["tsx", "scripts/db-migrate.ts"], { env, quiet: true });

  if (!process.env.STRIPE_SECRET_KEY) {
    const clock = newEmulatorAccount ? ["--clock-start", String(Math.floor(Date.now() / 1000) - 60 * 86_400)] : [];
    const emulator = startChild("The Stripe emulator", process.execPath, ["--import", "tsx", "emulator/main.ts", "--port", String(emulatorPort), "--app-origin", appUrl, "--app-origin", new URL(publicUrl).origin, ...clock]);
    await waitForUrl(`${emulatorUrl}/v1/balance`, { process: emulator });
    // The emulator, like Stripe, answers only to its account's keys: made on its first start and
    // kept in its data directory. The app and the commands after it get them here.
    const keys = JSON.parse(readFileSync(resolve(root, process.env.EMULATOR_DATA_DIR ?? ".data/emulator", "keys.json"), "utf8"));
    env.STRIPE_EMULATOR_SECRET_KEY = keys.secret;
    env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY = keys.publishable;
    await run("npx", ["tsx", "scripts/webhooks-setup.ts"], { env, quiet: true });
  }

  // Events Stripe made while the app was down and never delivered (deliveries still pending when
  // the emulator stopped, an outage longer than Stripe's retries) are fetched before the app starts:
  // the embedded database has one owner at a time, and afterwards that is the app.
  await run("npx", ["tsx", "scripts/events-catch-up.ts"], { env, quiet: true }).catch((error) =>
    console.warn(`Could not catch up on missed Stripe events (${error.message}); use "Catch up" on the Events page.`));

  if (localMailbox) {
    const mailDir = join(root, ".data", "mail");
    const mailbox = startChild("The local mailbox", process.execPath, ["--import", "tsx", "scripts/local-mailbox.ts", "--port", String(mailPort), "--dir", mailDir]);
    await waitForPort(mailPort, mailbox);
    env.SMTP_URL = `smtp://${host}:${mailPort}`;
    env.LOCAL_MAILBOX_DIR = mailDir;
  }

  const logins = embedded ? JSON.parse(await run("npx", ["tsx", "scripts/seed-demo-staff.ts"], { env, quiet: true })) : [];

  const app = startChild("The app", process.execPath, [NEXT_BIN, "start", "--hostname", host, "--port", String(appPort)]);
  await waitForUrl(`${appUrl}/api/health`, { process: app, timeoutMs: 120_000 });

  if (embedded) {
    // Does nothing once the account has payments, so every start may ask.
    console.log("Checking the demo merchant (created through the Stripe emulator, its webhooks fill the dashboard)…");
    // A slow seed is not a broken product: what the app has not accepted yet, the emulator delivers
    // again on its retry schedule.
    await run("npx", ["tsx", "scripts/seed-demo-merchant.ts", "--emulator-url", emulatorUrl, "--quiet"], { env }).catch((error) =>
      console.warn(`The demo merchant is not complete yet (${error.message}); the emulator keeps delivering its events.`));
  }

  console.log(`\nLedgerline is running at ${publicUrl}`);
  if (!process.env.STRIPE_SECRET_KEY) console.log(`Stripe emulator at ${emulatorUrl}`);
  if (localMailbox) console.log(`Alert mail goes to the local mailbox (smtp://${host}:${mailPort}); admins read it at ${publicUrl}/settings/mail`);
  if (logins.length > 0) {
    console.log("\nDemo sign-ins:");
    for (const login of logins) console.log(`  ${login.email.padEnd(26)} password: ${login.password.padEnd(24)} ${login.roles.join(", ")}`);
  }
  console.log("\nPress Ctrl-C to stop.");
}

main().catch((error) => {
  console.error(`\n${error.message}`);
  void stop(1);
});
