-- AlterTable
ALTER TABLE "staff_users" ADD COLUMN     "failures_expire_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "sign_in_throttles" (
    "email" TEXT NOT NULL,
    "failed_count" INTEGER NOT NULL,
    "locked_until" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sign_in_throttles_pkey" PRIMARY KEY ("email")
);

-- CreateIndex
CREATE INDEX "sign_in_throttles_expires_at_idx" ON "sign_in_throttles"("expires_at");

-- Failures counted before this migration are remembered a day past the later of now and their lock,
-- as if they had just been recorded under the new rule.
UPDATE "staff_users" SET "failures_expire_at" = GREATEST(now(), "locked_until") + interval '1 day' WHERE "failed_sign_in_count" > 0;
