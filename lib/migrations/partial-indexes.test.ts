import { describe, expect, it } from "vitest";

import { Prisma } from "@/lib/generated/prisma/client";
import { useTestDatabase } from "@/tests/support/db";

const database = useTestDatabase();

// schema.prisma cannot declare an index's predicate and Prisma's diff does not compare it, so a
// migration generated later could recreate one of these as a full index without anyone noticing:
// every payment and every processed event would then pay for an entry no query reads.
const PARTIAL = [
  { index: "payment_intents_disputed_created_id_idx", predicate: "WHERE disputed" },
  { index: "payment_intents_has_early_fraud_warning_created_id_idx", predicate: "WHERE has_early_fraud_warning" },
  { index: "stripe_events_status_next_attempt_at_idx", predicate: `WHERE (status = 'failed'::"StripeEventStatus")` },
  { index: "charges_missing_fee_created_idx", predicate: "WHERE (captured AND (balance_transaction_id IS NULL))" },
  { index: "stripe_events_status_created_id_idx", predicate: `WHERE (status <> 'processed'::"StripeEventStatus")` },
];

async function definitions(names: string[]): Promise<Map<string, string>> {
  const rows = await database.client.$queryRaw<{ indexname: string; indexdef: string }[]>(
    Prisma.sql`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ANY(${names})`,
  );
  return new Map(rows.map((row) => [row.indexname, row.indexdef]));
}

describe("indexes on the tables every webhook writes", () => {
  it("keeps the flag, retry, missing-fee and event status indexes partial, so the common row adds no entry to them", async () => {
    const found = await definitions(PARTIAL.map((p) => p.index));
    for (const { index, predicate } of PARTIAL) expect(found.get(index), index).toContain(predicate);
  });

  it("has none of the indexes dropped because no page, search or webhook lookup reads them", async () => {
    const dropped = [
      "payment_intents_customer_email_created_id_idx",
      "charges_card_last4_created_id_idx",
      "charges_status_created_id_idx",
      "balance_transactions_created_id_idx",
      "balance_transactions_type_created_id_idx",
      "balance_transactions_currency_status_available_on_idx",
      "setup_intents_created_id_idx",
      "setup_intents_customer_id_created_idx",
      "setup_intents_status_created_id_idx",
      "payment_methods_created_id_idx",
      "early_fraud_warnings_created_id_idx",
      "stripe_event_objects_object_id_created_event_id_idx",
      "charges_created_id_idx",
    ];
    expect([...(await definitions(dropped)).keys()]).toEqual([]);
  });
});
