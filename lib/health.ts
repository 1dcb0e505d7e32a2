import { readdir } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db";
import { appConfig } from "@/lib/env";
import type { StripeMode } from "@/lib/stripe/mode";

/** What `GET /api/health` reports. Nothing secret: no URLs, keys or error texts from drivers. */
export interface HealthReport {
  status: "ok" | "degraded" | "unavailable";
  database: {
    reachable: boolean;
    migrations: { applied: number; latest: string | null; pending: string[] | null };
  };
  stripe: { mode: StripeMode };
}

const DATABASE_TIMEOUT_MS = 3_000;

export async function checkHealth(): Promise<HealthReport> {
  const mode = appConfig().stripe.mode;
  const applied = await appliedMigrations().catch(() => null);
  if (!applied) {
    return {
      status: "unavailable",
      database: { reachable: false, migrations: { applied: 0, latest: null, pending: null } },
      stripe: { mode },
    };
  }
  const onDisk = await migrationsOnDisk();
  const pending = onDisk ? onDisk.filter((name) => !applied.includes(name)) : null;
  return {
    status: applied.length > 0 && (pending?.length ?? 0) === 0 ? "ok" : "degraded",
    database: { reachable: true, migrations: { applied: applied.length, latest: applied.at(-1) ?? null, pending } },
    stripe: { mode },
  };
}

async function appliedMigrations(): Promise<string[]> {
  const query = async () => {
    const [table] = await db().$queryRaw<Array<{ exists: boolean }>>`
      SELECT to_regclass('_prisma_migrations') IS NOT NULL AS "exists"`;
    if (!table?.exists) return [];
    const rows = await db().$queryRaw<Array<{ migration_name: string }>>`
      SELECT migration_name FROM _prisma_migrations
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL
      ORDER BY migration_name`;
    return rows.map((r) => r.migration_name);
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("database did not answer in time")), DATABASE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([query(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Migrations shipped with this build, so the report can say the schema is behind. */
async function migrationsOnDisk(): Promise<string[] | null> {
  try {
    const entries = await readdir(path.join(process.cwd(), "prisma", "migrations"), { withFileTypes: true });
    return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  } catch {
    return null;
  }
}
