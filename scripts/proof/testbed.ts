// For the full suites run as scripts: a fresh migrated database (in-memory PGlite, or a new database
// on a PostgreSQL server), an emulator on a free port that the app's Stripe client talks to, and an
// agent to act as. Everything is thrown away by close().
import { randomUUID } from "node:crypto";
import pg from "pg";
import { startEmulator } from "@/emulator/server";
import type { StaffActor } from "@/lib/audit/staff-action";
import { openDatabase } from "@/lib/database/connect";
import { parseDatabaseUrl } from "@/lib/database/target";
import { db, setDatabaseConnection } from "@/lib/db";
import { applyMigrations } from "@/lib/migrations/apply";
import { createStripeClient, setStripeClient, type Stripe } from "@/lib/stripe/client";
import { controlEmulator, testEmulatorKeys, type EmulatorControl } from "@/tests/support/emulator-control";

export interface Testbed {
  stripe: Stripe;
  agent: StaffActor;
  database: string;
  control: EmulatorControl;
  close(): Promise<void>;
}

/** An empty database of its own on a PostgreSQL server, and how to drop it after the run. */
export async function freshDatabaseOn(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `ledgerline_suite_${process.pid}_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return {
    url: Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function openTestbed(serverUrl: string | null): Promise<Testbed> {
  const fresh = serverUrl ? await freshDatabaseOn(serverUrl) : null;
  const url = fresh?.url ?? "pglite:memory";
  const drop = fresh?.drop ?? (async () => undefined);
  const connection = openDatabase(parseDatabaseUrl(url));
  await applyMigrations(connection.adapterFactory);
  setDatabaseConnection(connection);
  const emulator = await startEmulator({ port: 0, dataDir: null, keys: testEmulatorKeys() });
  const stripe = createStripeClient({ mode: "emulator", secretKey: emulator.keys.secret, emulatorUrl: emulator.url });
  setStripeClient(stripe);
  const row = await db().staffUser.create({ data: { email: "agent@suite.test", name: "Suite Agent", roles: ["support_specialist", "refund_analyst", "dispute_analyst"], passwordHash: "unused" } });
  return {
    stripe,
    agent: { id: row.id, roles: row.roles },
    database: serverUrl ? "PostgreSQL" : "PGlite",
    control: (method, path, form) => controlEmulator(emulator.url, method, path, form),
    async close() {
      setStripeClient(null);
      setDatabaseConnection(null);
      await emulator.close();
      await connection.close();
      await drop();
    },
  };
}
