-- A payment intent's and a charge's rows are rewritten by their summaries several times per
-- payment (latest charge, card, refunded amount, fee). A row above 2 kB has its `data` compressed
-- and, if that brings the row under the default target of 2 kB, kept in line, so every rewrite
-- copied the compressed snapshot into a new row version and the WAL. With the smallest target the
-- snapshot goes out of line instead, and an UPDATE that leaves `data` alone copies its 18-byte
-- pointer. Rows under 2 kB are not toasted at all, whatever the target. No list page reads these
-- `data` columns; a payment's own page reads them once.
ALTER TABLE "payment_intents" SET (toast_tuple_target = 128);
ALTER TABLE "charges" SET (toast_tuple_target = 128);
