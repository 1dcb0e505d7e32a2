// CI smoke test of the production path on a PostgreSQL server: migrate, create an admin with the
// real command, start the built app on DATABASE_URL, check health and sign in through next-auth.
// Usage: npx tsx scripts/smoke-postgres.ts postgresql://…
import { randomBytes } from "node:crypto";
import { baseEnv, run } from "./lib/run.mjs";
import { startNextServer, type AppProcess } from "../tests/support/app-process";
import { signInOverHttp } from "../tests/support/http-sign-in";
import { freePort } from "../tests/support/ports";

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`smoke test: ${message}`);
}

async function main(): Promise<void> {
  const serverUrl = process.argv[2];
  if (!serverUrl) throw new Error("usage: npx tsx scripts/smoke-postgres.ts <postgresql url>");

  const database = `smoke_${Date.now()}`;
  const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${database}` }).toString();
  // Chosen before the commands run, which read the session settings required outside embedded mode.
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  // Emulator mode needs the emulator's keys to start; health and sign-in never call it, so keys of
  // the right shape for an emulator that is not running are enough.
  const emulatorKey = (prefix: string) => `${prefix}_test_${randomBytes(18).toString("base64url").replace(/[^A-Za-z0-9]/g, "0")}`;
  const env = {
    ...baseEnv, DATABASE_URL: databaseUrl, NEXTAUTH_URL: appUrl, NEXTAUTH_SECRET: "smoke-test-secret-0123456789abcdef",
    STRIPE_EMULATOR_SECRET_KEY: emulatorKey("sk"), NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: emulatorKey("pk"),
  };

  await run("psql", [serverUrl, "-qc", `CREATE DATABASE ${database}`]);
  let app: AppProcess | null = null;
  try {
    await run("npx", ["tsx", "scripts/db-migrate.ts"], { env });
    const password = "smoke-Password-123";
    await run("npx", ["tsx", "scripts/user-create.ts", "--email", "smoke@ledgerline.test", "--role", "administrator", "--name", "Smoke", "--password", password], { env });

    app = await startNextServer({ env, port, echo: "both", timeoutMs: 60_000 });

    const health = (await (await fetch(`${appUrl}/api/health`)).json()) as { database?: { reachable?: boolean; migrations?: { applied?: number } } };
    assert(health.database?.reachable === true, `database not reachable: ${JSON.stringify(health)}`);
    const applied = health.database.migrations?.applied ?? 0;
    assert(applied > 0, `no migrations applied: ${JSON.stringify(health)}`);

    // Throws, saying why, when the admin cannot sign in.
    await signInOverHttp(appUrl, "smoke@ledgerline.test", password);
    console.log(`smoke test on PostgreSQL: health ok, ${applied} migrations, admin signed in`);
  } finally {
    await app?.stop();
    await run("psql", [serverUrl, "-qc", `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`]).catch(() => {});
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
