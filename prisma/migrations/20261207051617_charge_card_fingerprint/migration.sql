-- AlterTable
ALTER TABLE "charges" ADD COLUMN     "card_fingerprint" TEXT;

-- Charges mirrored before the column existed: their snapshot holds the fingerprint.
UPDATE "charges" SET "card_fingerprint" = "data" #>> '{payment_method_details,card,fingerprint}'
 WHERE "data" #>> '{payment_method_details,card,fingerprint}' IS NOT NULL;

-- CreateIndex
CREATE INDEX "charges_card_fingerprint_created_idx" ON "charges"("card_fingerprint", "created" DESC);

-- CreateIndex
CREATE INDEX "charges_payment_method_id_created_idx" ON "charges"("payment_method_id", "created" DESC);
