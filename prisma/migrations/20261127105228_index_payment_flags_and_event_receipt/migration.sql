-- CreateIndex
CREATE INDEX "payment_intents_disputed_created_id_idx" ON "payment_intents"("disputed", "created" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "payment_intents_has_early_fraud_warning_created_id_idx" ON "payment_intents"("has_early_fraud_warning", "created" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "stripe_events_received_at_idx" ON "stripe_events"("received_at" DESC);
