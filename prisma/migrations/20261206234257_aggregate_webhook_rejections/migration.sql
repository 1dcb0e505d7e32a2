-- Refused webhook deliveries were one row each, so a flood of forged posts grew the table without
-- bound. They become counts per reason and minute (with up to three samples each), kept 30 days;
-- the rows already held are folded into counts of their minute.
CREATE TABLE "webhook_rejections_by_minute" (
    "minute" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "samples" JSONB NOT NULL DEFAULT '[]'
);

INSERT INTO "webhook_rejections_by_minute" ("minute", "reason", "count")
SELECT date_trunc('minute', "at"), "reason", count(*)::integer
  FROM "webhook_rejections"
 WHERE "at" > now() - interval '30 days'
 GROUP BY 1, 2;

DROP TABLE "webhook_rejections";
ALTER TABLE "webhook_rejections_by_minute" RENAME TO "webhook_rejections";
ALTER TABLE "webhook_rejections" ADD CONSTRAINT "webhook_rejections_pkey" PRIMARY KEY ("minute", "reason");

-- CreateTable
CREATE TABLE "webhook_rejection_clients" (
    "minute" TIMESTAMPTZ(3) NOT NULL,
    "client" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "webhook_rejection_clients_pkey" PRIMARY KEY ("minute","client")
);
