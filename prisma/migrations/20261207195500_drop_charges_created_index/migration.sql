-- The fee sweep, this index's one reader, has read its own partial index since
-- index_charges_missing_fees; no page, list, search, export or webhook look-up orders or filters
-- charges by date alone (a payment's charges go through payment_intent_id, a customer's, a card's
-- and a payment method's through their own (column, created) indexes). Each charge wrote an entry.
-- DropIndex
DROP INDEX "charges_created_id_idx";
