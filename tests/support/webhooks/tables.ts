import { db } from "@/lib/db";

/** Every mirror table and the event log, as plain rows, for comparing two ways of getting there. */
const TABLES = [
  "customers",
  "payment_methods",
  "setup_intents",
  "payment_intents",
  "charges",
  "refunds",
  "disputes",
  "payouts",
  "balance_transactions",
  "early_fraud_warnings",
] as const;

export async function mirrorState(): Promise<Record<string, unknown[]>> {
  const state: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    const rows = await db().$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM ${table} ORDER BY id`);
    state[table] = rows.map(({ updated_at: _ignored, ...row }) => {
      // When a link happened is wall-clock time; whether it happened is the fact.
      if ("balance_transactions_linked_at" in row) row.balance_transactions_linked_at = row.balance_transactions_linked_at !== null;
      return row;
    });
  }
  state.stripe_events = await db().$queryRawUnsafe(`SELECT id, status::text, attempts, last_error FROM stripe_events ORDER BY id`);
  state.stripe_event_objects = await db().$queryRawUnsafe(
    `SELECT event_id, object_id, object_type FROM stripe_event_objects ORDER BY event_id, object_id`,
  );
  return state;
}

export async function emptyWebhookTables(): Promise<void> {
  await db().$executeRawUnsafe(
    `TRUNCATE ${[...TABLES, "stripe_event_objects", "stripe_events", "webhook_rejections", "webhook_rejection_clients", "settings", "sync_cursors"].join(", ")}`,
  );
}
