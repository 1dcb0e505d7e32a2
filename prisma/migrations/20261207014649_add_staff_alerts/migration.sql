-- CreateEnum
CREATE TYPE "AlertEmailStatus" AS ENUM ('pending', 'sent', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "alerts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "recipient_id" UUID NOT NULL,
    "rule" TEXT NOT NULL,
    "source_key" TEXT NOT NULL,
    "object_type" TEXT NOT NULL,
    "object_id" TEXT NOT NULL,
    "facts" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMPTZ(3),
    "email_id" UUID,

    CONSTRAINT "alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_preferences" (
    "staff_id" UUID NOT NULL,
    "rule" TEXT NOT NULL,
    "email" BOOLEAN NOT NULL,
    "cadence" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_preferences_pkey" PRIMARY KEY ("staff_id","rule")
);

-- CreateTable
CREATE TABLE "alert_emails" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "recipient_id" UUID NOT NULL,
    "digest_key" TEXT,
    "status" "AlertEmailStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lease_token" TEXT,
    "lease_expires_at" TIMESTAMPTZ(3),
    "subject" TEXT,
    "message_id" TEXT,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "alert_emails_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_email_attempts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email_id" UUID NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "outcome" TEXT,
    "response" TEXT,

    CONSTRAINT "alert_email_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "alerts_recipient_id_created_at_id_idx" ON "alerts"("recipient_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "alerts_recipient_id_read_at_idx" ON "alerts"("recipient_id", "read_at");

-- CreateIndex
CREATE UNIQUE INDEX "alerts_source_key_rule_recipient_id_key" ON "alerts"("source_key", "rule", "recipient_id");

-- CreateIndex
CREATE UNIQUE INDEX "alert_emails_digest_key_key" ON "alert_emails"("digest_key");

-- CreateIndex
CREATE INDEX "alert_emails_status_next_attempt_at_idx" ON "alert_emails"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "alert_emails_status_created_at_idx" ON "alert_emails"("status", "created_at" DESC);

-- CreateIndex
CREATE INDEX "alert_email_attempts_email_id_started_at_idx" ON "alert_email_attempts"("email_id", "started_at");

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_recipient_id_fkey" FOREIGN KEY ("recipient_id") REFERENCES "staff_users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_email_id_fkey" FOREIGN KEY ("email_id") REFERENCES "alert_emails"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_preferences" ADD CONSTRAINT "alert_preferences_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff_users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_emails" ADD CONSTRAINT "alert_emails_recipient_id_fkey" FOREIGN KEY ("recipient_id") REFERENCES "staff_users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_email_attempts" ADD CONSTRAINT "alert_email_attempts_email_id_fkey" FOREIGN KEY ("email_id") REFERENCES "alert_emails"("id") ON DELETE CASCADE ON UPDATE CASCADE;
