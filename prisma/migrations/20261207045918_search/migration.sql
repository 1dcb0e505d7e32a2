-- CreateIndex
CREATE INDEX "payment_intents_amount_created_id_idx" ON "payment_intents"("amount", "created" DESC, "id" DESC);


-- The one search (lib/search). Each lookup it makes is a range scan of an index below, whatever the
-- database collation: text_pattern_ops compares byte-wise, so `lower(id) LIKE 'pi_3ab%'` and
-- `lower(customer_email) LIKE 'emma%'` can use it where a plain index under a linguistic collation
-- could not. They are on expressions because Prisma's schema language cannot express them, and its
-- migration differ leaves expression indexes alone (a column index with an operator class it drops
-- and recreates in every later migration). Ids are matched case-sensitively on top of the lower()
-- range: lib/search/queries.ts.

-- Object ids by prefix.
CREATE INDEX "payment_intents_id_prefix_idx" ON "payment_intents" (lower("id") text_pattern_ops);
CREATE INDEX "charges_id_prefix_idx" ON "charges" (lower("id") text_pattern_ops);
CREATE INDEX "refunds_id_prefix_idx" ON "refunds" (lower("id") text_pattern_ops);
CREATE INDEX "payouts_id_prefix_idx" ON "payouts" (lower("id") text_pattern_ops);
CREATE INDEX "disputes_id_prefix_idx" ON "disputes" (lower("id") text_pattern_ops);
CREATE INDEX "customers_id_prefix_idx" ON "customers" (lower("id") text_pattern_ops);
CREATE INDEX "stripe_events_id_prefix_idx" ON "stripe_events" (lower("id") text_pattern_ops);

-- Email by prefix ("emma" finds emma.jones@…): customers store it lowercase already; a payment
-- keeps the spelling the customer had.
CREATE INDEX "customers_email_prefix_idx" ON "customers" (lower("email") text_pattern_ops);
CREATE INDEX "payment_intents_customer_email_prefix_idx" ON "payment_intents" (lower("customer_email") text_pattern_ops);

-- A customer by the start of any word of the name ("smi" finds Emma Smith). pg_trgm is not in
-- PGlite; full-text search is part of PostgreSQL itself. The 'simple' configuration lowercases and
-- neither stems nor drops stop words, so a name is matched as typed.
CREATE INDEX "customers_name_words_idx" ON "customers" USING gin (to_tsvector('simple'::regconfig, coalesce("name", '')));

ANALYZE "payment_intents";
ANALYZE "customers";
