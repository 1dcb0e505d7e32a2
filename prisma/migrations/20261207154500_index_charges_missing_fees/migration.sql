-- The fee sweep (fillMissingFees in lib/webhooks/fees.ts) looks for captured charges without a
-- balance transaction, newest first. Almost every charge has one, so walking charges by created
-- read all of them: 970,000 rows and 53,000 buffers, 1.1–1.5 s at a million payments. Only the
-- charges still waiting for their fee are in this index, and each leaves it when the fee arrives
-- (BENCHMARKS.md, "The fee sweep's own index"). schema.prisma declares the same name and column;
-- Prisma keeps no predicate, so migrate diff stays empty.
CREATE INDEX "charges_missing_fee_created_idx" ON "charges"("created" DESC) WHERE "captured" AND "balance_transaction_id" IS NULL;
