import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * Whether the event log has caught up: an answered delivery is not yet a projected one, since a
 * webhook entry point queues an event whose projection needs Stripe for the follow-up worker
 * (record.ts). Whatever waits for webhooks to land (the demo seed, the storm, the proof suites)
 * waits for this count to reach 0, read from our own tables rather than guessed with a sleep.
 */

/**
 * Events stored but not settled yet: queued for the follow-up worker (received), or failed with an
 * automatic retry still to come. Processed, ignored, and failed for good (no next attempt) are settled.
 */
export async function unsettledEventCount(client: PrismaClient = db()): Promise<number> {
  const [row] = await client.$queryRawUnsafe<{ count: number }[]>(
    `SELECT count(*)::int AS count FROM stripe_events
      WHERE status = 'received' OR (status = 'failed' AND next_attempt_at IS NOT NULL)`,
  );
  return row?.count ?? 0;
}

/**
 * Whether that count is 0, read from a running app or ingest server through its health route, for
 * a process that must not open the database itself (PGlite has one owner). Null when it does not answer.
 */
export async function webhooksSettledAt(appOrigin: string): Promise<boolean | null> {
  try {
    const response = await fetch(new URL("/api/health", appOrigin), { signal: AbortSignal.timeout(5_000), cache: "no-store" });
    if (!response.ok) return null;
    const report = (await response.json()) as { webhooks?: { settled?: unknown } };
    const settled = report.webhooks?.settled;
    return typeof settled === "boolean" ? settled : null;
  } catch {
    return null;
  }
}
