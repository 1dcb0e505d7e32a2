-- A payment intent's and a charge's rows are rewritten by their summaries several times per
-- payment (latest charge, card, refunded amount, fee), and each rewrite copied the whole row with
-- its `data` snapshot inline (~1.6 kB) into a new row version and the WAL. With the smallest tuple
-- target, `data` is compressed and kept out of line whenever the row exceeds 128 bytes; an UPDATE
-- that leaves `data` alone then copies only its 18-byte pointer. No list page reads these `data`
-- columns; a payment's own page reads them once.
ALTER TABLE "payment_intents" SET (toast_tuple_target = 128);
ALTER TABLE "charges" SET (toast_tuple_target = 128);

-- Events are inserted once and never updated, so their payload is better compressed and kept in
-- the row (STORAGE MAIN: out of line only if it still does not fit a page) than moved to TOAST,
-- where it would also write a TOAST row and a TOAST index entry. The low target makes
-- PostgreSQL compress payloads of any size, not only those of rows above 2 kB.
ALTER TABLE "stripe_events" SET (toast_tuple_target = 128);
ALTER TABLE "stripe_events" ALTER COLUMN "payload" SET STORAGE MAIN;
