-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('admin', 'agent', 'viewer');

-- CreateEnum
CREATE TYPE "StaffActionStatus" AS ENUM ('pending', 'succeeded', 'failed');

-- CreateEnum
CREATE TYPE "CustomerLinkPurpose" AS ENUM ('setup_card', 'payment');

-- CreateEnum
CREATE TYPE "StripeEventStatus" AS ENUM ('received', 'processed', 'failed', 'ignored');

-- CreateEnum
CREATE TYPE "StripeEventSource" AS ENUM ('webhook', 'catch_up', 'replay');

-- CreateTable
CREATE TABLE "staff_users" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "StaffRole" NOT NULL DEFAULT 'viewer',
    "disabled_at" TIMESTAMPTZ(3),
    "failed_sign_in_count" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMPTZ(3),
    "last_sign_in_at" TIMESTAMPTZ(3),
    "invited_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "staff_users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_actions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "actor_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "object_type" TEXT,
    "object_id" TEXT,
    "params" JSONB NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "status" "StaffActionStatus" NOT NULL DEFAULT 'pending',
    "outcome" JSONB,
    "error_message" TEXT,
    "stripe_request_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "staff_actions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer_links" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "token_hash" TEXT NOT NULL,
    "purpose" "CustomerLinkPurpose" NOT NULL,
    "customer_id" TEXT NOT NULL,
    "payment_intent_id" TEXT,
    "setup_intent_id" TEXT,
    "created_by_id" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customer_links_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "settings" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "settings_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "webhook_rejections" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reason" TEXT NOT NULL,

    CONSTRAINT "webhook_rejections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stripe_events" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "created" TIMESTAMPTZ(3) NOT NULL,
    "api_version" TEXT,
    "livemode" BOOLEAN NOT NULL,
    "object_id" TEXT,
    "object_type" TEXT NOT NULL,
    "request_id" TEXT,
    "request_idempotency_key" TEXT,
    "payload" JSONB NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),
    "status" "StripeEventStatus" NOT NULL DEFAULT 'received',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "next_attempt_at" TIMESTAMPTZ(3),
    "source" "StripeEventSource" NOT NULL DEFAULT 'webhook',

    CONSTRAINT "stripe_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stripe_event_objects" (
    "event_id" TEXT NOT NULL,
    "object_id" TEXT NOT NULL,
    "object_type" TEXT NOT NULL,
    "created" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "stripe_event_objects_pkey" PRIMARY KEY ("event_id","object_id")
);

-- CreateTable
CREATE TABLE "sync_cursors" (
    "name" TEXT NOT NULL,
    "cursor" TEXT,
    "progress" JSONB NOT NULL DEFAULT '{}',
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sync_cursors_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "customers" (
    "id" TEXT NOT NULL,
    "livemode" BOOLEAN NOT NULL,
    "created" TIMESTAMPTZ(3) NOT NULL,
    "email" TEXT,
    "name" TEXT,
    "phone" TEXT,
    "description" TEXT,
    "default_payment_method_id" TEXT,
    "deleted" BOOLEAN NOT NULL DEFAULT false,
    "data" JSONB NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment_methods" (
    "id" TEXT NOT NULL,
    "livemode" BOOLEAN NOT NULL,
    "created" TIMESTAMPTZ(3) NOT NULL,
    "type" TEXT NOT NULL,
    "customer_id" TEXT,
    "card_brand" TEXT,
    "card_last4" TEXT,
    "card_exp_month" INTEGER,
    "card_exp_year" INTEGER,
    "card_fingerprint" TEXT,
    "data" JSONB NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_methods_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "setup_intents" (
    "id" TEXT NOT NULL,
    "livemode" BOOLEAN NOT NULL,
    "created" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL,
    "usage" TEXT,
    "customer_id" TEXT,
    "payment_method_id" TEXT,
    "last_setup_error_code" TEXT,
    "last_setup_error_message" TEXT,
    "data" JSONB NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "setup_intents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment_intents" (
    "id" TEXT NOT NULL,
    "livemode" BOOLEAN NOT NULL,
    "created" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "amount_received" BIGINT NOT NULL DEFAULT 0,
    "amount_refunded" BIGINT NOT NULL DEFAULT 0,
    "currency" TEXT NOT NULL,
    "description" TEXT,
    "capture_method" TEXT,
    "cancellation_reason" TEXT,
    "customer_id" TEXT,
    "customer_email" TEXT,
    "payment_method_id" TEXT,
    "latest_charge_id" TEXT,
    "card_brand" TEXT,
    "card_last4" TEXT,
    "last_payment_error_code" TEXT,
    "last_payment_error_decline_code" TEXT,
    "last_payment_error_message" TEXT,
    "disputed" BOOLEAN NOT NULL DEFAULT false,
    "has_early_fraud_warning" BOOLEAN NOT NULL DEFAULT false,
    "data" JSONB NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_intents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "charges" (
    "id" TEXT NOT NULL,
    "livemode" BOOLEAN NOT NULL,
    "created" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "amount_captured" BIGINT NOT NULL DEFAULT 0,
    "amount_refunded" BIGINT NOT NULL DEFAULT 0,
    "currency" TEXT NOT NULL,
    "paid" BOOLEAN NOT NULL DEFAULT false,
    "captured" BOOLEAN NOT NULL DEFAULT false,
    "refunded" BOOLEAN NOT NULL DEFAULT false,
    "disputed" BOOLEAN NOT NULL DEFAULT false,
    "customer_id" TEXT,
    "billing_email" TEXT,
    "payment_intent_id" TEXT,
    "payment_method_id" TEXT,
    "balance_transaction_id" TEXT,
    "card_brand" TEXT,
    "card_last4" TEXT,
    "fee" BIGINT,
    "net" BIGINT,
    "outcome_type" TEXT,
    "outcome_risk_level" TEXT,
    "outcome_risk_score" INTEGER,
    "outcome_network_status" TEXT,
    "outcome_seller_message" TEXT,
    "failure_code" TEXT,
    "failure_message" TEXT,
    "data" JSONB NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "charges_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "refunds" (
    "id" TEXT NOT NULL,
    "livemode" BOOLEAN NOT NULL,
    "created" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "reason" TEXT,
    "failure_reason" TEXT,
    "pending_reason" TEXT,
    "arn" TEXT,
    "charge_id" TEXT,
    "payment_intent_id" TEXT,
    "balance_transaction_id" TEXT,
    "failure_balance_transaction_id" TEXT,
    "data" JSONB NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "refunds_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "disputes" (
    "id" TEXT NOT NULL,
    "livemode" BOOLEAN NOT NULL,
    "created" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "charge_id" TEXT,
    "payment_intent_id" TEXT,
    "due_by" TIMESTAMPTZ(3),
    "past_due" BOOLEAN NOT NULL DEFAULT false,
    "has_evidence" BOOLEAN NOT NULL DEFAULT false,
    "evidence_submission_count" INTEGER NOT NULL DEFAULT 0,
    "is_charge_refundable" BOOLEAN NOT NULL DEFAULT false,
    "funds_withdrawn_at" TIMESTAMPTZ(3),
    "funds_reinstated_at" TIMESTAMPTZ(3),
    "data" JSONB NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "disputes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dispute_evidence_files" (
    "id" TEXT NOT NULL,
    "dispute_id" TEXT NOT NULL,
    "evidence_field" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "mime_type" TEXT NOT NULL,
    "uploaded_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dispute_evidence_files_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payouts" (
    "id" TEXT NOT NULL,
    "livemode" BOOLEAN NOT NULL,
    "created" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "arrival_date" TIMESTAMPTZ(3) NOT NULL,
    "method" TEXT,
    "type" TEXT,
    "automatic" BOOLEAN NOT NULL DEFAULT false,
    "description" TEXT,
    "statement_descriptor" TEXT,
    "destination_id" TEXT,
    "balance_transaction_id" TEXT,
    "failure_balance_transaction_id" TEXT,
    "failure_code" TEXT,
    "failure_message" TEXT,
    "reconciliation_status" TEXT,
    "balance_transactions_linked_at" TIMESTAMPTZ(3),
    "data" JSONB NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payouts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "balance_transactions" (
    "id" TEXT NOT NULL,
    "livemode" BOOLEAN NOT NULL,
    "created" TIMESTAMPTZ(3) NOT NULL,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "fee" BIGINT NOT NULL,
    "net" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "available_on" TIMESTAMPTZ(3) NOT NULL,
    "reporting_category" TEXT,
    "description" TEXT,
    "source_id" TEXT,
    "payout_id" TEXT,
    "data" JSONB NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "balance_transactions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "early_fraud_warnings" (
    "id" TEXT NOT NULL,
    "livemode" BOOLEAN NOT NULL,
    "created" TIMESTAMPTZ(3) NOT NULL,
    "actionable" BOOLEAN NOT NULL,
    "fraud_type" TEXT NOT NULL,
    "charge_id" TEXT,
    "payment_intent_id" TEXT,
    "data" JSONB NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "early_fraud_warnings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "staff_users_email_key" ON "staff_users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "staff_actions_idempotency_key_key" ON "staff_actions"("idempotency_key");

-- CreateIndex
CREATE INDEX "staff_actions_created_at_id_idx" ON "staff_actions"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "staff_actions_actor_id_created_at_id_idx" ON "staff_actions"("actor_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "staff_actions_kind_created_at_id_idx" ON "staff_actions"("kind", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "staff_actions_object_id_created_at_idx" ON "staff_actions"("object_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "customer_links_token_hash_key" ON "customer_links"("token_hash");

-- CreateIndex
CREATE INDEX "customer_links_customer_id_created_at_idx" ON "customer_links"("customer_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "customer_links_payment_intent_id_idx" ON "customer_links"("payment_intent_id");

-- CreateIndex
CREATE INDEX "webhook_rejections_at_idx" ON "webhook_rejections"("at");

-- CreateIndex
CREATE INDEX "stripe_events_created_id_idx" ON "stripe_events"("created" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "stripe_events_type_created_id_idx" ON "stripe_events"("type", "created" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "stripe_events_status_next_attempt_at_idx" ON "stripe_events"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "stripe_events_object_id_idx" ON "stripe_events"("object_id");

-- CreateIndex
CREATE INDEX "stripe_event_objects_object_id_created_event_id_idx" ON "stripe_event_objects"("object_id", "created", "event_id");

-- CreateIndex
CREATE INDEX "customers_created_id_idx" ON "customers"("created" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "customers_email_created_id_idx" ON "customers"("email", "created" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "customers_name_idx" ON "customers"("name");

-- CreateIndex
CREATE INDEX "payment_methods_created_id_idx" ON "payment_methods"("created" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "payment_methods_customer_id_created_idx" ON "payment_methods"("customer_id", "created" DESC);

-- CreateIndex
CREATE INDEX "setup_intents_created_id_idx" ON "setup_intents"("created" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "setup_intents_customer_id_created_idx" ON "setup_intents"("customer_id", "created" DESC);

-- CreateIndex
CREATE INDEX "setup_intents_status_created_id_idx" ON "setup_intents"("status", "created" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "payment_intents_created_id_idx" ON "payment_intents"("created" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "payment_intents_status_created_id_idx" ON "payment_intents"("status", "created" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "payment_intents_currency_created_id_idx" ON "payment_intents"("currency", "created" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "payment_intents_customer_id_created_id_idx" ON "payment_intents"("customer_id", "created" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "payment_intents_customer_email_created_id_idx" ON "payment_intents"("customer_email", "created" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "payment_intents_card_last4_created_id_idx" ON "payment_intents"("card_last4", "created" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "payment_intents_latest_charge_id_idx" ON "payment_intents"("latest_charge_id");

-- CreateIndex
CREATE INDEX "charges_created_id_idx" ON "charges"("created" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "charges_status_created_id_idx" ON "charges"("status", "created" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "charges_payment_intent_id_idx" ON "charges"("payment_intent_id");

-- CreateIndex
CREATE INDEX "charges_customer_id_created_idx" ON "charges"("customer_id", "created" DESC);

-- CreateIndex
CREATE INDEX "charges_balance_transaction_id_idx" ON "charges"("balance_transaction_id");

-- CreateIndex
CREATE INDEX "charges_card_last4_created_id_idx" ON "charges"("card_last4", "created" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "refunds_created_id_idx" ON "refunds"("created" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "refunds_status_created_id_idx" ON "refunds"("status", "created" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "refunds_charge_id_idx" ON "refunds"("charge_id");

-- CreateIndex
CREATE INDEX "refunds_payment_intent_id_created_idx" ON "refunds"("payment_intent_id", "created");

-- CreateIndex
CREATE INDEX "disputes_created_id_idx" ON "disputes"("created" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "disputes_status_created_id_idx" ON "disputes"("status", "created" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "disputes_reason_created_id_idx" ON "disputes"("reason", "created" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "disputes_status_due_by_idx" ON "disputes"("status", "due_by");

-- CreateIndex
CREATE INDEX "disputes_charge_id_idx" ON "disputes"("charge_id");

-- CreateIndex
CREATE INDEX "disputes_payment_intent_id_idx" ON "disputes"("payment_intent_id");

-- CreateIndex
CREATE INDEX "dispute_evidence_files_dispute_id_created_at_idx" ON "dispute_evidence_files"("dispute_id", "created_at");

-- CreateIndex
CREATE INDEX "payouts_created_id_idx" ON "payouts"("created" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "payouts_status_created_id_idx" ON "payouts"("status", "created" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "payouts_arrival_date_id_idx" ON "payouts"("arrival_date" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "balance_transactions_created_id_idx" ON "balance_transactions"("created" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "balance_transactions_payout_id_created_id_idx" ON "balance_transactions"("payout_id", "created" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "balance_transactions_source_id_idx" ON "balance_transactions"("source_id");

-- CreateIndex
CREATE INDEX "balance_transactions_type_created_id_idx" ON "balance_transactions"("type", "created" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "balance_transactions_currency_status_available_on_idx" ON "balance_transactions"("currency", "status", "available_on");

-- CreateIndex
CREATE INDEX "early_fraud_warnings_created_id_idx" ON "early_fraud_warnings"("created" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "early_fraud_warnings_actionable_created_id_idx" ON "early_fraud_warnings"("actionable", "created" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "early_fraud_warnings_charge_id_idx" ON "early_fraud_warnings"("charge_id");

-- CreateIndex
CREATE INDEX "early_fraud_warnings_payment_intent_id_idx" ON "early_fraud_warnings"("payment_intent_id");

-- AddForeignKey
ALTER TABLE "staff_users" ADD CONSTRAINT "staff_users_invited_by_id_fkey" FOREIGN KEY ("invited_by_id") REFERENCES "staff_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_actions" ADD CONSTRAINT "staff_actions_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "staff_users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer_links" ADD CONSTRAINT "customer_links_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff_users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stripe_event_objects" ADD CONSTRAINT "stripe_event_objects_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "stripe_events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dispute_evidence_files" ADD CONSTRAINT "dispute_evidence_files_uploaded_by_id_fkey" FOREIGN KEY ("uploaded_by_id") REFERENCES "staff_users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
