-- Every index on a table the webhooks write costs WAL and CPU on each event. These are read by no
-- page, search, list, analytics or webhook lookup (BENCHMARKS.md, "Webhook ingest: indexes each
-- page needs"): payments are searched by email prefix through payment_intents_customer_email_prefix_idx;
-- nothing filters charges by card_last4, and the fee sweep reads charges newest first through
-- charges_created_id_idx; balance transactions are only read by id, by payout or by source.
DROP INDEX "payment_intents_customer_email_created_id_idx";
DROP INDEX "charges_card_last4_created_id_idx";
DROP INDEX "charges_status_created_id_idx";
DROP INDEX "balance_transactions_created_id_idx";
DROP INDEX "balance_transactions_type_created_id_idx";
DROP INDEX "balance_transactions_currency_status_available_on_idx";

-- Partial from now on: only the rows a query looks for get an entry, so the common insert or update
-- (a payment neither disputed nor warned about, an event processed at once) adds none. Same names
-- and columns as schema.prisma declares; Prisma keeps no predicate, so migrate diff stays empty.
DROP INDEX "payment_intents_disputed_created_id_idx";
CREATE INDEX "payment_intents_disputed_created_id_idx" ON "payment_intents"("disputed", "created" DESC, "id" DESC) WHERE "disputed";
DROP INDEX "payment_intents_has_early_fraud_warning_created_id_idx";
CREATE INDEX "payment_intents_has_early_fraud_warning_created_id_idx" ON "payment_intents"("has_early_fraud_warning", "created" DESC, "id" DESC) WHERE "has_early_fraud_warning";
DROP INDEX "stripe_events_status_next_attempt_at_idx";
CREATE INDEX "stripe_events_status_next_attempt_at_idx" ON "stripe_events"("status", "next_attempt_at") WHERE "status" = 'failed';
