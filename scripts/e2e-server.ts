// The server the end-to-end tests run against: a fresh embedded database in a temporary directory,
// migrated and seeded with the demo staff, then `next start` on E2E_PORT. Builds nothing: run
// `next build` first. Removes its directory when stopped.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { generateKeys } from "../emulator/core/keys";
import { startLocalMailbox, type LocalMailbox } from "../lib/alerts/mailbox";
import { startEmulator, type RunningEmulator } from "../emulator/server";
import { REQUIRED_PERMISSIONS } from "../lib/stripe/permissions";
import { startNextServer, type AppProcess } from "../tests/support/app-process";

// Playwright starts this from the repository root (the config's directory).
const root = process.cwd();
const port = process.env.E2E_PORT;
if (!port || !/^\d+$/.test(port)) {
  console.error("E2E_PORT must name the port to listen on (playwright.config.ts chooses a free one).");
  process.exit(2);
}
if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
  console.error("No production build found: run `npx next build` (npm test does) before the end-to-end tests.");
  process.exit(2);
}

const dataDir = mkdtempSync(path.join(tmpdir(), "ledgerline-e2e-"));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: `pglite:${path.join(dataDir, "pglite")}`,
  // By name, as the browser opens it (playwright.config.ts): passkeys need a host name.
  NEXTAUTH_URL: `http://localhost:${port}`,
  NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
  // Emulator mode whatever the developer's shell says: these tests must never reach real Stripe.
  STRIPE_SECRET_KEY: "",
  STRIPE_WEBHOOK_SECRET: "",
  NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: "",
  STRIPE_EMULATOR_SECRET_KEY: "",
};

let server: AppProcess | null = null;
let stopping = false;
// The app's own Stripe emulator on a free port, so money flows (and webhooks) work end to end.
// Specs read its URL from <tmpdir>/ledgerline-e2e-<E2E_PORT>.json to advance its clock.
let emulator: RunningEmulator | null = null;
// E2E_STRIPE_KEY=restricted runs the app with a restricted key holding exactly the permissions the
// README documents, so a flow that needs more fails the suite.
const restricted = process.env.E2E_STRIPE_KEY === "restricted";
const emulatorFile = path.join(tmpdir(), `ledgerline-e2e-${port}.json`);
// Alert mail goes to a local mailbox, as with `npm start`: specs read it from its folder.
let mailbox: LocalMailbox | null = null;

function cleanUp(code: number): never {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(emulatorFile, { force: true });
  void emulator?.close();
  void mailbox?.close();
  process.exit(code);
}

function stop(): void {
  if (stopping) return;
  stopping = true;
  // While it starts, its starter stops it when this process exits (tests/support/app-process.ts).
  if (!server) cleanUp(0);
  void server.stop().then(() => cleanUp(0));
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

function runStep(script: string, args: string[] = []): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${script} exited with ${code}`))));
  });
}

async function main(): Promise<void> {
  // New keys for every run; the emulator answers to nothing else.
  const keys = generateKeys("test", [{ ...REQUIRED_PERMISSIONS }]);
  emulator = await startEmulator({
    port: 0, dataDir: null, keys, webhookRetrySchedule: [500, 1000, 2000, 5000], appOrigins: [`http://127.0.0.1:${port}`, `http://localhost:${port}`],
  });
  env.STRIPE_EMULATOR_URL = emulator.url;
  env.STRIPE_EMULATOR_SECRET_KEY = restricted ? keys.restricted[0]!.key : keys.secret;
  env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY = keys.publishable;
  mailbox = await startLocalMailbox({ dir: path.join(dataDir, "mail") });
  env.SMTP_URL = mailbox.url;
  env.LOCAL_MAILBOX_DIR = mailbox.dir;
  env.ALERT_LOOP_INTERVAL_MS = "1000";
  // Specs act as customers and their banks with the secret key. The session secret and the server
  // keys are listed so the security spec can check that no served file contains them.
  const secrets = [env.NEXTAUTH_SECRET!, keys.secret, keys.restricted[0]!.key];
  writeFileSync(emulatorFile, JSON.stringify({ url: emulator.url, secretKey: keys.secret, appKey: env.STRIPE_EMULATOR_SECRET_KEY, secrets, mailDir: mailbox.dir }), { mode: 0o600 });
  await runStep("scripts/db-migrate.ts");
  await runStep("scripts/seed-demo-staff.ts");
  await runStep("scripts/webhooks-setup.ts", ["--url", `http://127.0.0.1:${port}`]);
  if (stopping) return;
  server = await startNextServer({ env, port: Number(port), echo: "both" });
  void server.exited.then((code) => {
    if (!stopping) {
      console.error(`next start stopped unexpectedly (exit ${code})`);
      cleanUp(1);
    }
  });
}

main().catch((error: unknown) => {
  console.error(error);
  cleanUp(1);
});
