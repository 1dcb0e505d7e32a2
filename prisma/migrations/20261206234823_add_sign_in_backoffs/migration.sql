-- CreateTable
CREATE TABLE "sign_in_backoffs" (
    "key" TEXT NOT NULL,
    "failed_count" INTEGER NOT NULL DEFAULT 0,
    "retry_at" TIMESTAMPTZ(3),
    "known_until" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sign_in_backoffs_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "sign_in_backoffs_expires_at_idx" ON "sign_in_backoffs"("expires_at");
