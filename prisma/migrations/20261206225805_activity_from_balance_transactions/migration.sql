-- The overview's money figures are Stripe's ledger: a sum over balance transactions, per settlement
-- currency, by the time each was written (issue 19 items 3 and 4). A charge adds its captured amount
-- and fee when its balance transaction exists (with asynchronous capture, seconds after the charge);
-- a dispute moves money only through its transactions (withdrawal −amount −fee, reinstatement +amount
-- when won, nothing for an inquiry); a refund and its failure through theirs; an authorisation, a
-- released rest and a cancellation through none. Amounts are in the transaction's currency, not the
-- charge's. Payouts move money out of the balance, not in or out of the business: they are left out.
-- Same trigger shape as 20261127110430_add_activity_buckets, whose note on E'' strings and \073 applies.

-- The transaction of a Refund that only released an authorisation (API versions before
-- 2025-03-31.basil wrote one for a partial capture's rest, against a charge transaction for the whole
-- authorisation) takes its amount off gross instead of counting as a refund: gross is what was
-- captured, and a release is never a refund (lib/webhooks/projectors/released.ts keeps the flag).
ALTER TABLE "balance_transactions" ADD COLUMN "releases_authorisation" BOOLEAN NOT NULL DEFAULT false;
UPDATE balance_transactions b SET releases_authorisation = true FROM refunds r WHERE r.id = b.source_id AND r.releases_authorisation;

DROP TRIGGER IF EXISTS charges_activity_buckets_insert ON charges;
DROP TRIGGER IF EXISTS charges_activity_buckets_update ON charges;
DROP TRIGGER IF EXISTS charges_activity_buckets_delete ON charges;
DROP TRIGGER IF EXISTS refunds_activity_buckets_insert ON refunds;
DROP TRIGGER IF EXISTS refunds_activity_buckets_update ON refunds;
DROP TRIGGER IF EXISTS refunds_activity_buckets_delete ON refunds;
DROP TRIGGER IF EXISTS disputes_activity_buckets_insert ON disputes;
DROP TRIGGER IF EXISTS disputes_activity_buckets_update ON disputes;
DROP TRIGGER IF EXISTS disputes_activity_buckets_delete ON disputes;
DROP FUNCTION IF EXISTS charges_activity_buckets();
DROP FUNCTION IF EXISTS refunds_activity_buckets();
DROP FUNCTION IF EXISTS disputes_activity_buckets();

CREATE FUNCTION balance_transactions_activity_buckets() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''INSERT'' THEN
    INSERT INTO activity_buckets AS a (bucket, currency, gross, fees, refunds, disputes)
    SELECT bucket, currency, sum(gross), sum(fees), sum(refunds), sum(disputes)
      FROM (SELECT date_bin(''15 minutes'', created, TIMESTAMPTZ ''2000-01-01 00:00:00+00''), currency, (CASE WHEN type IN (''charge'', ''payment'') OR releases_authorisation THEN amount ELSE 0 END), (fee), (CASE WHEN type IN (''refund'', ''payment_refund'', ''refund_failure'', ''payment_failure_refund'') AND NOT releases_authorisation THEN -amount ELSE 0 END), (CASE WHEN reporting_category IN (''dispute'', ''dispute_reversal'') THEN -amount ELSE 0 END) FROM new_rows WHERE type IN (''charge'', ''payment'', ''refund'', ''payment_refund'', ''refund_failure'', ''payment_failure_refund'') OR reporting_category IN (''dispute'', ''dispute_reversal'')) AS d (bucket, currency, gross, fees, refunds, disputes)
     GROUP BY bucket, currency HAVING sum(gross) <> 0 OR sum(fees) <> 0 OR sum(refunds) <> 0 OR sum(disputes) <> 0
    ON CONFLICT (bucket, currency) DO UPDATE SET gross = a.gross + EXCLUDED.gross, fees = a.fees + EXCLUDED.fees, refunds = a.refunds + EXCLUDED.refunds, disputes = a.disputes + EXCLUDED.disputes\073
  ELSIF TG_OP = ''UPDATE'' THEN
    INSERT INTO activity_buckets AS a (bucket, currency, gross, fees, refunds, disputes)
    SELECT bucket, currency, sum(gross), sum(fees), sum(refunds), sum(disputes)
      FROM (SELECT date_bin(''15 minutes'', created, TIMESTAMPTZ ''2000-01-01 00:00:00+00''), currency, (CASE WHEN type IN (''charge'', ''payment'') OR releases_authorisation THEN amount ELSE 0 END), (fee), (CASE WHEN type IN (''refund'', ''payment_refund'', ''refund_failure'', ''payment_failure_refund'') AND NOT releases_authorisation THEN -amount ELSE 0 END), (CASE WHEN reporting_category IN (''dispute'', ''dispute_reversal'') THEN -amount ELSE 0 END) FROM new_rows WHERE type IN (''charge'', ''payment'', ''refund'', ''payment_refund'', ''refund_failure'', ''payment_failure_refund'') OR reporting_category IN (''dispute'', ''dispute_reversal'') UNION ALL SELECT date_bin(''15 minutes'', created, TIMESTAMPTZ ''2000-01-01 00:00:00+00''), currency, -(CASE WHEN type IN (''charge'', ''payment'') OR releases_authorisation THEN amount ELSE 0 END), -(fee), -(CASE WHEN type IN (''refund'', ''payment_refund'', ''refund_failure'', ''payment_failure_refund'') AND NOT releases_authorisation THEN -amount ELSE 0 END), -(CASE WHEN reporting_category IN (''dispute'', ''dispute_reversal'') THEN -amount ELSE 0 END) FROM old_rows WHERE type IN (''charge'', ''payment'', ''refund'', ''payment_refund'', ''refund_failure'', ''payment_failure_refund'') OR reporting_category IN (''dispute'', ''dispute_reversal'')) AS d (bucket, currency, gross, fees, refunds, disputes)
     GROUP BY bucket, currency HAVING sum(gross) <> 0 OR sum(fees) <> 0 OR sum(refunds) <> 0 OR sum(disputes) <> 0
    ON CONFLICT (bucket, currency) DO UPDATE SET gross = a.gross + EXCLUDED.gross, fees = a.fees + EXCLUDED.fees, refunds = a.refunds + EXCLUDED.refunds, disputes = a.disputes + EXCLUDED.disputes\073
  ELSE
    INSERT INTO activity_buckets AS a (bucket, currency, gross, fees, refunds, disputes)
    SELECT bucket, currency, sum(gross), sum(fees), sum(refunds), sum(disputes)
      FROM (SELECT date_bin(''15 minutes'', created, TIMESTAMPTZ ''2000-01-01 00:00:00+00''), currency, -(CASE WHEN type IN (''charge'', ''payment'') OR releases_authorisation THEN amount ELSE 0 END), -(fee), -(CASE WHEN type IN (''refund'', ''payment_refund'', ''refund_failure'', ''payment_failure_refund'') AND NOT releases_authorisation THEN -amount ELSE 0 END), -(CASE WHEN reporting_category IN (''dispute'', ''dispute_reversal'') THEN -amount ELSE 0 END) FROM old_rows WHERE type IN (''charge'', ''payment'', ''refund'', ''payment_refund'', ''refund_failure'', ''payment_failure_refund'') OR reporting_category IN (''dispute'', ''dispute_reversal'')) AS d (bucket, currency, gross, fees, refunds, disputes)
     GROUP BY bucket, currency HAVING sum(gross) <> 0 OR sum(fees) <> 0 OR sum(refunds) <> 0 OR sum(disputes) <> 0
    ON CONFLICT (bucket, currency) DO UPDATE SET gross = a.gross + EXCLUDED.gross, fees = a.fees + EXCLUDED.fees, refunds = a.refunds + EXCLUDED.refunds, disputes = a.disputes + EXCLUDED.disputes\073
  END IF\073
  RETURN NULL\073
END
';

CREATE TRIGGER balance_transactions_activity_buckets_insert AFTER INSERT ON balance_transactions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION balance_transactions_activity_buckets();
CREATE TRIGGER balance_transactions_activity_buckets_update AFTER UPDATE ON balance_transactions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION balance_transactions_activity_buckets();
CREATE TRIGGER balance_transactions_activity_buckets_delete AFTER DELETE ON balance_transactions REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION balance_transactions_activity_buckets();

-- Every bucket counted again from the transactions held. Charges and refunds whose transactions were
-- never fetched count once catch-up or backfill fetches them (lib/webhooks/fees.ts).
DELETE FROM activity_buckets;
INSERT INTO activity_buckets AS a (bucket, currency, gross, fees, refunds, disputes)
    SELECT bucket, currency, sum(gross), sum(fees), sum(refunds), sum(disputes)
      FROM (SELECT date_bin('15 minutes', created, TIMESTAMPTZ '2000-01-01 00:00:00+00'), currency, (CASE WHEN type IN ('charge', 'payment') OR releases_authorisation THEN amount ELSE 0 END), (fee), (CASE WHEN type IN ('refund', 'payment_refund', 'refund_failure', 'payment_failure_refund') AND NOT releases_authorisation THEN -amount ELSE 0 END), (CASE WHEN reporting_category IN ('dispute', 'dispute_reversal') THEN -amount ELSE 0 END) FROM balance_transactions WHERE type IN ('charge', 'payment', 'refund', 'payment_refund', 'refund_failure', 'payment_failure_refund') OR reporting_category IN ('dispute', 'dispute_reversal')) AS d (bucket, currency, gross, fees, refunds, disputes)
     GROUP BY bucket, currency HAVING sum(gross) <> 0 OR sum(fees) <> 0 OR sum(refunds) <> 0 OR sum(disputes) <> 0
    ON CONFLICT (bucket, currency) DO UPDATE SET gross = a.gross + EXCLUDED.gross, fees = a.fees + EXCLUDED.fees, refunds = a.refunds + EXCLUDED.refunds, disputes = a.disputes + EXCLUDED.disputes;
