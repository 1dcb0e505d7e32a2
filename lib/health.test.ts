import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/database/connect";
import { parseDatabaseUrl } from "@/lib/database/target";
import { setDatabaseConnection } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { checkHealth } from "./health";
import { unsettledEventCount } from "./webhooks/settled";

const database = useTestDatabase();

describe("checkHealth", () => {
  afterEach(() => setDatabaseConnection(database.connection));

  it("reports a reachable, fully migrated database and the Stripe mode", async () => {
    const report = await checkHealth();
    expect(report).toEqual({
      status: "ok",
      database: {
        reachable: true,
        migrations: {
          applied: database.appliedMigrations.length,
          pending: 0,
          failed: 0,
        },
      },
      stripe: { mode: "emulator" },
      webhooks: { settled: true },
    });
  });

  it("counts webhook events stored but not projected yet: queued, or failed with a retry to come", async () => {
    const insert = (id: string, status: string, nextAttempt: string) =>
      database.client.$executeRawUnsafe(
        `INSERT INTO stripe_events (id, type, created, livemode, object_type, payload, status, next_attempt_at)
         VALUES ($1, 'charge.succeeded', now(), false, 'charge', '{}'::jsonb, $2::"StripeEventStatus", ${nextAttempt})`,
        id,
        status,
      );
    try {
      await insert("evt_health_queued", "received", "now()");
      await insert("evt_health_retrying", "failed", "now() + interval '30 seconds'");
      await insert("evt_health_given_up", "failed", "NULL");
      await insert("evt_health_done", "processed", "NULL");
      await insert("evt_health_ignored", "ignored", "NULL");
      expect(await unsettledEventCount()).toBe(2);
      expect((await checkHealth()).webhooks).toEqual({ settled: false });
      await database.client.$executeRawUnsafe(`UPDATE stripe_events SET status = 'processed', next_attempt_at = NULL WHERE id LIKE 'evt_health_%'`);
      expect((await checkHealth()).webhooks).toEqual({ settled: true });
    } finally {
      await database.client.$executeRawUnsafe(`DELETE FROM stripe_events WHERE id LIKE 'evt_health_%'`);
    }
  });

  it("reports an unreachable database without leaking its error", async () => {
    // A real server address where nothing listens: the driver's error names the password.
    const unreachable = openDatabase(parseDatabaseUrl("postgres://staff:secret@127.0.0.1:1/ledgerline"));
    setDatabaseConnection(unreachable);
    const report = await checkHealth();
    expect(report.status).toBe("unavailable");
    expect(report.database.reachable).toBe(false);
    expect(JSON.stringify(report)).not.toContain("secret");
    await unreachable.close();
  });

  it("names no migration, so a visitor cannot read the release or the schema from it", async () => {
    await database.client.$executeRawUnsafe(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) VALUES ('health-test', 'x', '29990101000000_half_done', now(), 0)`,
    );
    try {
      const report = JSON.stringify(await checkHealth());
      for (const name of [...database.appliedMigrations, "29990101000000_half_done"]) expect(report).not.toContain(name);
      expect(JSON.parse(report).database.migrations).toMatchObject({ failed: 1 });
    } finally {
      await database.client.$executeRawUnsafe(`DELETE FROM _prisma_migrations WHERE id = 'health-test'`);
    }
  });
});
