-- CreateIndex
CREATE INDEX "disputes_amount_id_idx" ON "disputes"("amount" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "payment_intents_amount_id_idx" ON "payment_intents"("amount" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "payouts_currency_created_id_idx" ON "payouts"("currency", "created" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "payouts_amount_id_idx" ON "payouts"("amount" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "refunds_currency_created_id_idx" ON "refunds"("currency", "created" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "refunds_amount_id_idx" ON "refunds"("amount" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "stripe_events_status_created_id_idx" ON "stripe_events"("status", "created" DESC, "id" DESC);
