import { readdir } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db";
import { appConfig } from "@/lib/env";
import type { StripeMode } from "@/lib/stripe/mode";
import { unsettledEventCount } from "@/lib/webhooks/settled";

/**
 * What `GET /api/health` reports, to anyone. Nothing secret: no URLs, keys or driver error texts,
 * and counts rather than migration names, which would tell a visitor the exact release and schema.
 */
export interface HealthReport {
  /** ok: reachable and fully migrated; degraded: reachable but migrations pending or failed. */
  status: "ok" | "degraded" | "unavailable";
  database: {
    reachable: boolean;
    migrations: { applied: number; pending: number; failed: number };
  };
  stripe: { mode: StripeMode };
  /**
   * Whether every stored webhook event is projected (lib/webhooks/settled.ts): what the demo seed
   * and the proof suites wait on. A yes or no, not the count: this route answers anyone, and the size
   * of a backlog tells a visitor how busy the merchant is. Null when the database is not reachable.
   */
  webhooks: { settled: boolean | null };
}

const DATABASE_TIMEOUT_MS = 3_000;

export async function checkHealth(): Promise<HealthReport> {
  const mode = appConfig().stripe.mode;
  const status = await withTimeout(migrationStatus(), DATABASE_TIMEOUT_MS).catch(() => null);
  if (!status) {
    return {
      status: "unavailable",
      database: { reachable: false, migrations: { applied: 0, pending: 0, failed: 0 } },
      stripe: { mode },
      webhooks: { settled: null },
    };
  }
  // Before migrations the table may not exist: no count then, and the status says degraded anyway.
  const unsettled = await withTimeout(unsettledEventCount(), DATABASE_TIMEOUT_MS).catch(() => null);
  const settled = unsettled === null ? null : unsettled === 0;
  const healthy = status.applied.length > 0 && status.pending.length === 0 && status.failed.length === 0;
  return {
    status: healthy ? "ok" : "degraded",
    database: {
      reachable: true,
      migrations: {
        applied: status.applied.length,
        pending: status.pending.length,
        failed: status.failed.length,
      },
    },
    stripe: { mode },
    webhooks: { settled },
  };
}

interface MigrationStatus {
  applied: { name: string }[];
  pending: string[];
  failed: string[];
}

// Not lib/migrations/status: its directory argument makes Next trace the whole project into the
// server bundle. A path fixed under process.cwd() keeps the trace to prisma/migrations.
async function migrationStatus(): Promise<MigrationStatus> {
  const [table] = await db().$queryRaw<{ exists: boolean }[]>`
    SELECT to_regclass('_prisma_migrations') IS NOT NULL AS "exists"`;
  const rows = table?.exists
    ? await db().$queryRaw<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }[]>`
        SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations
        ORDER BY started_at, migration_name`
    : [];
  const applied = rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => ({ name: r.migration_name }));
  const failed = rows.filter((r) => !r.finished_at && !r.rolled_back_at).map((r) => r.migration_name);
  const names = new Set(applied.map((m) => m.name));
  const shipped = await readdir(path.join(process.cwd(), "prisma", "migrations"), { withFileTypes: true }).catch(() => []);
  const pending = shipped.filter((e) => e.isDirectory() && !names.has(e.name)).map((e) => e.name).sort();
  return { applied, pending, failed };
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
