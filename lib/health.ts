import { db } from "@/lib/db";
import { appConfig } from "@/lib/env";
import { migrationStatus } from "@/lib/migrations/status";
import type { StripeMode } from "@/lib/stripe/mode";

/** What `GET /api/health` reports. Nothing secret: no URLs, keys or driver error texts. */
export interface HealthReport {
  /** ok: reachable and fully migrated; degraded: reachable but migrations pending or failed. */
  status: "ok" | "degraded" | "unavailable";
  database: {
    reachable: boolean;
    migrations: { applied: number; latest: string | null; pending: string[]; failed: string[] };
  };
  stripe: { mode: StripeMode };
}

const DATABASE_TIMEOUT_MS = 3_000;

export async function checkHealth(): Promise<HealthReport> {
  const mode = appConfig().stripe.mode;
  const status = await withTimeout(migrationStatus(db()), DATABASE_TIMEOUT_MS).catch(() => null);
  if (!status) {
    return {
      status: "unavailable",
      database: { reachable: false, migrations: { applied: 0, latest: null, pending: [], failed: [] } },
      stripe: { mode },
    };
  }
  const healthy = status.applied.length > 0 && status.pending.length === 0 && status.failed.length === 0;
  return {
    status: healthy ? "ok" : "degraded",
    database: {
      reachable: true,
      migrations: {
        applied: status.applied.length,
        latest: status.applied.at(-1)?.name ?? null,
        pending: status.pending,
        failed: status.failed,
      },
    },
    stripe: { mode },
  };
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
