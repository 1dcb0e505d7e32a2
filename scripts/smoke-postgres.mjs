// CI smoke test of the production path on a PostgreSQL server: migrate, create an admin with the
// real command, start the built app on DATABASE_URL, check health and sign in through next-auth.
// Usage: node scripts/smoke-postgres.mjs postgresql://…
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { baseEnv, root, run, waitForUrl } from "./lib/run.mjs";

const serverUrl = process.argv[2];
if (!serverUrl) throw new Error("usage: node scripts/smoke-postgres.mjs <postgresql url>");

const database = `smoke_${Date.now()}`;
const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${database}` }).toString();
const port = await new Promise((resolve) => {
  const server = createServer().listen(0, "127.0.0.1", () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  });
});
const appUrl = `http://127.0.0.1:${port}`;
// Emulator mode needs the emulator's keys to start; health and sign-in never call it, so keys of
// the right shape for an emulator that is not running are enough.
const emulatorKey = (prefix) => `${prefix}_test_${randomBytes(18).toString("base64url").replace(/[^A-Za-z0-9]/g, "0")}`;
const env = {
  ...baseEnv, DATABASE_URL: databaseUrl, NEXTAUTH_URL: appUrl, NEXTAUTH_SECRET: "smoke-test-secret-0123456789abcdef",
  STRIPE_EMULATOR_SECRET_KEY: emulatorKey("sk"), NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: emulatorKey("pk"),
};

function assert(condition, message) {
  if (!condition) throw new Error(`smoke test: ${message}`);
}

await run("psql", [serverUrl, "-qc", `CREATE DATABASE ${database}`]);
const app = { process: null };
try {
  await run("npx", ["tsx", "scripts/db-migrate.ts"], { env });
  const password = "smoke-Password-123";
  await run("npx", ["tsx", "scripts/user-create.ts", "--email", "smoke@ledgerline.test", "--role", "administrator", "--name", "Smoke", "--password", password], { env });

  // Next's own entry point, not npx: npx does not pass the SIGTERM below on to the server.
  app.process = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "--hostname", "127.0.0.1", "--port", String(port)], { cwd: root, env, stdio: "inherit" });
  await waitForUrl(`${appUrl}/api/health`, { process: app.process, timeoutMs: 60_000 });

  const health = await (await fetch(`${appUrl}/api/health`)).json();
  assert(health.database?.reachable === true, `database not reachable: ${JSON.stringify(health)}`);
  assert(health.database?.migrations?.applied > 0, `no migrations applied: ${JSON.stringify(health)}`);

  const csrfResponse = await fetch(`${appUrl}/api/auth/csrf`);
  const { csrfToken } = await csrfResponse.json();
  const cookie = csrfResponse.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const signIn = await fetch(`${appUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken, email: "smoke@ledgerline.test", password, json: "true" }),
  });
  const sessionCookie = signIn.headers.getSetCookie().find((c) => c.includes("session-token"));
  assert(sessionCookie, `sign-in on PostgreSQL gave no session (status ${signIn.status})`);
  console.log(`smoke test on PostgreSQL: health ok, ${health.database.migrations.applied} migrations, admin signed in`);
} finally {
  app.process?.kill("SIGTERM");
  if (app.process && app.process.exitCode === null) await new Promise((r) => app.process.once("exit", r));
  await run("psql", [serverUrl, "-qc", `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`]).catch(() => {});
}
