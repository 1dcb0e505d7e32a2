-- Setup intents are read by id only, payment methods by id or by customer, fraud warnings by id,
-- payment, charge or (actionable, created): no page, list or lookup reads these indexes, and each
-- costs WAL on every event that writes its table.
DROP INDEX "setup_intents_created_id_idx";
DROP INDEX "setup_intents_customer_id_created_idx";
DROP INDEX "setup_intents_status_created_id_idx";
DROP INDEX "payment_methods_created_id_idx";
DROP INDEX "early_fraud_warnings_created_id_idx";
