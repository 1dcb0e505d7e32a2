import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { openDatabase } from "./database/connect";
import { DatabaseLockedError, LOCK_FILE_NAME } from "./database/pglite-lock";
import { parseDatabaseUrl } from "./database/target";
import { closeDb, db } from "./db";
import { Prisma } from "./generated/prisma/client";
import { useTestDatabase } from "@/tests/support/db";

const database = useTestDatabase();
const tempDirs: string[] = [];
const root = path.resolve(__dirname, "..");

// Each of these opens a PGlite data directory (or starts a second process): seconds when idle,
// far longer when other suites load the CPU.
const PGLITE_TIMEOUT_MS = 120_000;

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ledgerline-db-"));
  tempDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe("DATABASE_URL", () => {
  it("defaults to .data/pglite under the working directory", () => {
    expect(parseDatabaseUrl(undefined, "/srv/app")).toEqual({ kind: "pglite", dataDir: "/srv/app/.data/pglite" });
    expect(parseDatabaseUrl("  ", "/srv/app")).toEqual({ kind: "pglite", dataDir: "/srv/app/.data/pglite" });
  });

  it("reads pglite:<dir>, pglite:memory and PostgreSQL URLs", () => {
    expect(parseDatabaseUrl("pglite:var/db", "/srv/app")).toEqual({ kind: "pglite", dataDir: "/srv/app/var/db" });
    expect(parseDatabaseUrl("pglite:/abs/db", "/srv/app")).toEqual({ kind: "pglite", dataDir: "/abs/db" });
    expect(parseDatabaseUrl("pglite:memory")).toEqual({ kind: "pglite", dataDir: null });
    expect(parseDatabaseUrl("postgres://u:p@h:5432/d")).toEqual({ kind: "postgres", url: "postgres://u:p@h:5432/d" });
    expect(parseDatabaseUrl("postgresql://h/d")).toEqual({ kind: "postgres", url: "postgresql://h/d" });
  });

  it("refuses anything else with a message naming the accepted forms", () => {
    expect(() => parseDatabaseUrl("mysql://h/d")).toThrow(/pglite:<dir>.*postgres/);
    expect(() => parseDatabaseUrl("pglite:")).toThrow(/needs a directory/);
  });
});

describe("the test database", () => {
  it("is what db() returns and has the migrated tables", async () => {
    expect(db()).toBe(database.client);
    const staff = await db().staffUser.create({
      data: { email: "ada@example.com", name: "Ada", passwordHash: "x", roles: ["administrator"] },
    });
    expect(staff.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(staff.failedSignInCount).toBe(0);
  });

  it("keeps staff emails, idempotency keys, link tokens and event ids unique", async () => {
    const actor = await db().staffUser.create({ data: { email: "grace@example.com", name: "Grace", passwordHash: "x", roles: ["view_only"] } });
    await expect(
      db().staffUser.create({ data: { email: "grace@example.com", name: "Other", passwordHash: "y", roles: ["view_only"] } }),
    ).rejects.toMatchObject({ code: "P2002" });

    const action = { actorId: actor.id, kind: "refund.create", params: { amount: 500 }, idempotencyKey: "key-1" };
    await db().staffAction.create({ data: action });
    await expect(db().staffAction.create({ data: action })).rejects.toMatchObject({ code: "P2002" });

    const link = {
      tokenHash: "hash-1",
      purpose: "setup_card" as const,
      customerId: "cus_1",
      createdById: actor.id,
      expiresAt: new Date(Date.now() + 86_400_000),
    };
    await db().customerLink.create({ data: link });
    await expect(db().customerLink.create({ data: link })).rejects.toMatchObject({ code: "P2002" });

    const event = {
      id: "evt_1",
      type: "charge.succeeded",
      created: new Date(),
      livemode: false,
      objectId: "ch_1",
      objectType: "charge",
      payload: {},
    };
    await db().stripeEvent.create({ data: event });
    await expect(db().stripeEvent.create({ data: event })).rejects.toMatchObject({ code: "P2002" });
  });

  it("accepts a child Stripe object before its parent (no foreign keys between mirrors)", async () => {
    const refund = await db().refund.create({
      data: {
        id: "re_orphan",
        livemode: false,
        created: new Date(),
        status: "pending",
        amount: 12_345_678_901n,
        currency: "usd",
        chargeId: "ch_not_seen_yet",
        paymentIntentId: "pi_not_seen_yet",
        data: { id: "re_orphan" },
        syncedAt: new Date(),
      },
    });
    // Amounts beyond 32 bits survive the round trip.
    expect((await db().refund.findUniqueOrThrow({ where: { id: refund.id } })).amount).toBe(12_345_678_901n);
  });

  it("queues concurrent transactions instead of failing them (PGlite runs one at a time)", async () => {
    // 20 transactions holding 150 ms each need 3 s in a row on PGlite, past Prisma's default 2 s wait.
    const started = Date.now();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db().$transaction(async (tx) => {
          await tx.setting.upsert({ where: { key: `k${i % 4}` }, create: { key: `k${i % 4}`, value: i }, update: { value: i } });
          await new Promise((resolve) => setTimeout(resolve, 150));
        }),
      ),
    );
    expect(await db().setting.count({ where: { key: { startsWith: "k" } } })).toBe(4);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  }, 120_000);

  it("empties every table but keeps the migration history", async () => {
    await database.truncateAll();
    expect(await db().staffUser.count()).toBe(0);
    const [row] = await db().$queryRaw<{ n: bigint }[]>(Prisma.sql`SELECT count(*) AS n FROM _prisma_migrations`);
    expect(Number(row?.n)).toBeGreaterThan(0);
  });
});

describe("db() itself", () => {
  it("opens nothing until first used, then holds the PGlite lock until closed", async () => {
    const dir = path.join(tempDir(), "pglite");
    const previousUrl = process.env.DATABASE_URL;
    const testConnection = database.connection;
    process.env.DATABASE_URL = `pglite:${dir}`;
    const { setDatabaseConnection } = await import("./db");
    setDatabaseConnection(null);
    try {
      expect(fs.existsSync(dir)).toBe(false);
      const client = db();
      expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE_NAME), "utf8")).pid).toBe(process.pid);
      expect(db()).toBe(client);
      expect(await client.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
      await closeDb();
      expect(fs.existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
    } finally {
      await closeDb();
      process.env.DATABASE_URL = previousUrl;
      setDatabaseConnection(testConnection);
    }
  }, PGLITE_TIMEOUT_MS);
});

describe("the PGlite process lock", () => {
  it("makes a second process refuse the data directory while the first has it open", async () => {
    const dir = tempDir();
    const owner = openDatabase({ kind: "pglite", dataDir: dir });
    try {
      const child = spawnSync(process.execPath, ["--import", "tsx", "scripts/db-migrate.ts"], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: `pglite:${dir}` },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(child.status).toBe(1);
      expect(child.stderr).toContain(`in use by process ${process.pid}`);
      expect(child.stderr).toContain("stop it first");
      // The refused process must not have touched the directory.
      expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE_NAME), "utf8")).pid).toBe(process.pid);
    } finally {
      await owner.close();
    }
  }, PGLITE_TIMEOUT_MS);

  it("after a crash (kill -9), the next process takes the directory over and finds every committed row", async () => {
    const dir = tempDir();
    const writer = path.join(tempDir(), "writer.ts");
    fs.writeFileSync(
      writer,
      `import { openDatabase } from ${JSON.stringify(path.join(root, "lib/database/connect"))};
import { applyMigrations } from ${JSON.stringify(path.join(root, "lib/migrations/apply"))};
async function main() {
  const connection = openDatabase({ kind: "pglite", dataDir: ${JSON.stringify(dir)} });
  await applyMigrations(connection.adapterFactory);
  for (let i = 0; i < 25; i++) await connection.client.setting.create({ data: { key: "row" + i, value: i } });
  console.log("written");
  setInterval(() => {}, 1000);
}
void main();
`,
    );
    const child = spawn(process.execPath, ["--import", "tsx", writer], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("written") && resolve());
        child.once("exit", (code) => reject(new Error(`writer exited early with ${code}`)));
      });
    } finally {
      child.kill("SIGKILL");
    }
    await new Promise((resolve) => child.once("exit", resolve));
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE_NAME), "utf8")).pid).toBe(child.pid);

    const reopened = openDatabase({ kind: "pglite", dataDir: dir });
    try {
      expect(await reopened.client.setting.count({ where: { key: { startsWith: "row" } } })).toBe(25);
    } finally {
      await reopened.close();
    }
  }, PGLITE_TIMEOUT_MS);

  it("refuses a second open within the same process", async () => {
    const dir = tempDir();
    const owner = openDatabase({ kind: "pglite", dataDir: dir });
    try {
      expect(() => openDatabase({ kind: "pglite", dataDir: dir })).toThrow(DatabaseLockedError);
    } finally {
      await owner.close();
    }
  }, PGLITE_TIMEOUT_MS);

  it("takes over a lock left by a process that has died", async () => {
    const dir = tempDir();
    const dead = spawn(process.execPath, ["-e", ""]);
    const deadPid = dead.pid;
    await new Promise((resolve) => dead.once("exit", resolve));
    fs.writeFileSync(
      path.join(dir, LOCK_FILE_NAME),
      JSON.stringify({ pid: deadPid, hostname: os.hostname(), startedAt: "2020-01-01T00:00:00Z", command: "node" }),
    );
    const connection = openDatabase({ kind: "pglite", dataDir: dir });
    try {
      expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE_NAME), "utf8")).pid).toBe(process.pid);
      expect(await connection.client.$queryRaw`SELECT 2 AS two`).toEqual([{ two: 2 }]);
    } finally {
      await connection.close();
    }
  }, PGLITE_TIMEOUT_MS);
});
