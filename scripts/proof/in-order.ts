// The yardstick of the storm and the two-instance run: what delivering the same events once, in
// order, into a fresh database leaves in the mirror tables, and how a run's tables differ from it.
import { openDatabase } from "@/lib/database/connect";
import { parseDatabaseUrl } from "@/lib/database/target";
import { setDatabaseConnection } from "@/lib/db";
import { applyMigrations } from "@/lib/migrations/apply";
import { setStripeClient, type Stripe } from "@/lib/stripe/client";
import type { StripeEventEnvelope } from "@/lib/webhooks/event";
import { recordStripeEvent } from "@/lib/webhooks/record";
import { stripeRecordDependencies } from "@/lib/webhooks/stripe-facts";
import { mirrorState } from "@/tests/support/webhooks/tables";

export type MirrorState = Awaited<ReturnType<typeof mirrorState>>;

/** Records `events` (in emission order) one by one into the empty database at `databaseUrl`. */
export async function inOrderMirror(stripe: Stripe, events: readonly Stripe.Event[], databaseUrl: string): Promise<MirrorState> {
  const reference = openDatabase(parseDatabaseUrl(databaseUrl));
  try {
    await applyMigrations(reference.adapterFactory);
    setDatabaseConnection(reference);
    setStripeClient(stripe);
    for (const event of events) await recordStripeEvent(event as unknown as StripeEventEnvelope, "webhook", stripeRecordDependencies());
    return await mirrorState();
  } finally {
    await reference.close();
    setDatabaseConnection(null);
    setStripeClient(null);
  }
}

const text = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? x.toString() : x));

/** One line per table whose rows differ from in-order delivery; empty when the run matches. */
export function mirrorDifferences(run: MirrorState, inOrder: MirrorState): string[] {
  return Object.keys(inOrder)
    .filter((table) => text(run[table]) !== text(inOrder[table]))
    .map((table) => `${table}: run ${run[table]?.length ?? 0} rows, in order ${inOrder[table]?.length ?? 0} rows; ${firstDifference(run[table] ?? [], inOrder[table] ?? [])}`);
}

/** The first row that differs, column by column, so a failure says what went wrong. */
function firstDifference(run: unknown[], inOrder: unknown[]): string {
  for (let i = 0; i < Math.max(run.length, inOrder.length); i++) {
    const a = (run[i] ?? {}) as Record<string, unknown>;
    const b = (inOrder[i] ?? {}) as Record<string, unknown>;
    const columns = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((c) => text(a[c]) !== text(b[c]));
    if (columns.length > 0) return `row ${String(b.id ?? a.id ?? i)}: ${columns.map((c) => `${c} run=${text(a[c])?.slice(0, 120)} in-order=${text(b[c])?.slice(0, 120)}`).join(", ")}`;
  }
  return "same rows, different order";
}
