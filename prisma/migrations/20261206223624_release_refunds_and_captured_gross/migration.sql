-- AlterTable
ALTER TABLE "refunds" ADD COLUMN     "releases_authorisation" BOOLEAN NOT NULL DEFAULT false;

-- Releasing an authorisation is not a refund (API 2025-03-31.basil; lib/webhooks/projectors/released.ts):
-- a refund row that only records a release leaves the refunds column, and a charge adds to gross only
-- what was captured (amount_captured), nothing while it is an authorisation. Same trigger shape as
-- 20261127110430_add_activity_buckets, whose note on E'' strings and \073 applies here too.

CREATE OR REPLACE FUNCTION charges_activity_buckets() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''INSERT'' THEN
    INSERT INTO activity_buckets AS a (bucket, currency, gross, fees, refunds, disputes)
    SELECT bucket, currency, sum(gross), sum(fees), sum(refunds), sum(disputes)
      FROM (SELECT date_bin(''15 minutes'', created, TIMESTAMPTZ ''2000-01-01 00:00:00+00''), currency, (amount_captured), (COALESCE(fee, 0)), 0, 0 FROM new_rows WHERE status = ''succeeded'' AND captured) AS d (bucket, currency, gross, fees, refunds, disputes)
     GROUP BY bucket, currency HAVING sum(gross) <> 0 OR sum(fees) <> 0 OR sum(refunds) <> 0 OR sum(disputes) <> 0
    ON CONFLICT (bucket, currency) DO UPDATE SET gross = a.gross + EXCLUDED.gross, fees = a.fees + EXCLUDED.fees, refunds = a.refunds + EXCLUDED.refunds, disputes = a.disputes + EXCLUDED.disputes\073
  ELSIF TG_OP = ''UPDATE'' THEN
    INSERT INTO activity_buckets AS a (bucket, currency, gross, fees, refunds, disputes)
    SELECT bucket, currency, sum(gross), sum(fees), sum(refunds), sum(disputes)
      FROM (SELECT date_bin(''15 minutes'', created, TIMESTAMPTZ ''2000-01-01 00:00:00+00''), currency, (amount_captured), (COALESCE(fee, 0)), 0, 0 FROM new_rows WHERE status = ''succeeded'' AND captured UNION ALL SELECT date_bin(''15 minutes'', created, TIMESTAMPTZ ''2000-01-01 00:00:00+00''), currency, -(amount_captured), -(COALESCE(fee, 0)), 0, 0 FROM old_rows WHERE status = ''succeeded'' AND captured) AS d (bucket, currency, gross, fees, refunds, disputes)
     GROUP BY bucket, currency HAVING sum(gross) <> 0 OR sum(fees) <> 0 OR sum(refunds) <> 0 OR sum(disputes) <> 0
    ON CONFLICT (bucket, currency) DO UPDATE SET gross = a.gross + EXCLUDED.gross, fees = a.fees + EXCLUDED.fees, refunds = a.refunds + EXCLUDED.refunds, disputes = a.disputes + EXCLUDED.disputes\073
  ELSE
    INSERT INTO activity_buckets AS a (bucket, currency, gross, fees, refunds, disputes)
    SELECT bucket, currency, sum(gross), sum(fees), sum(refunds), sum(disputes)
      FROM (SELECT date_bin(''15 minutes'', created, TIMESTAMPTZ ''2000-01-01 00:00:00+00''), currency, -(amount_captured), -(COALESCE(fee, 0)), 0, 0 FROM old_rows WHERE status = ''succeeded'' AND captured) AS d (bucket, currency, gross, fees, refunds, disputes)
     GROUP BY bucket, currency HAVING sum(gross) <> 0 OR sum(fees) <> 0 OR sum(refunds) <> 0 OR sum(disputes) <> 0
    ON CONFLICT (bucket, currency) DO UPDATE SET gross = a.gross + EXCLUDED.gross, fees = a.fees + EXCLUDED.fees, refunds = a.refunds + EXCLUDED.refunds, disputes = a.disputes + EXCLUDED.disputes\073
  END IF\073
  RETURN NULL\073
END
';

CREATE OR REPLACE FUNCTION refunds_activity_buckets() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''INSERT'' THEN
    INSERT INTO activity_buckets AS a (bucket, currency, gross, fees, refunds, disputes)
    SELECT bucket, currency, sum(gross), sum(fees), sum(refunds), sum(disputes)
      FROM (SELECT date_bin(''15 minutes'', created, TIMESTAMPTZ ''2000-01-01 00:00:00+00''), currency, 0, 0, (amount), 0 FROM new_rows WHERE status IN (''pending'', ''succeeded'', ''requires_action'') AND NOT releases_authorisation) AS d (bucket, currency, gross, fees, refunds, disputes)
     GROUP BY bucket, currency HAVING sum(gross) <> 0 OR sum(fees) <> 0 OR sum(refunds) <> 0 OR sum(disputes) <> 0
    ON CONFLICT (bucket, currency) DO UPDATE SET gross = a.gross + EXCLUDED.gross, fees = a.fees + EXCLUDED.fees, refunds = a.refunds + EXCLUDED.refunds, disputes = a.disputes + EXCLUDED.disputes\073
  ELSIF TG_OP = ''UPDATE'' THEN
    INSERT INTO activity_buckets AS a (bucket, currency, gross, fees, refunds, disputes)
    SELECT bucket, currency, sum(gross), sum(fees), sum(refunds), sum(disputes)
      FROM (SELECT date_bin(''15 minutes'', created, TIMESTAMPTZ ''2000-01-01 00:00:00+00''), currency, 0, 0, (amount), 0 FROM new_rows WHERE status IN (''pending'', ''succeeded'', ''requires_action'') AND NOT releases_authorisation UNION ALL SELECT date_bin(''15 minutes'', created, TIMESTAMPTZ ''2000-01-01 00:00:00+00''), currency, 0, 0, -(amount), 0 FROM old_rows WHERE status IN (''pending'', ''succeeded'', ''requires_action'') AND NOT releases_authorisation) AS d (bucket, currency, gross, fees, refunds, disputes)
     GROUP BY bucket, currency HAVING sum(gross) <> 0 OR sum(fees) <> 0 OR sum(refunds) <> 0 OR sum(disputes) <> 0
    ON CONFLICT (bucket, currency) DO UPDATE SET gross = a.gross + EXCLUDED.gross, fees = a.fees + EXCLUDED.fees, refunds = a.refunds + EXCLUDED.refunds, disputes = a.disputes + EXCLUDED.disputes\073
  ELSE
    INSERT INTO activity_buckets AS a (bucket, currency, gross, fees, refunds, disputes)
    SELECT bucket, currency, sum(gross), sum(fees), sum(refunds), sum(disputes)
      FROM (SELECT date_bin(''15 minutes'', created, TIMESTAMPTZ ''2000-01-01 00:00:00+00''), currency, 0, 0, -(amount), 0 FROM old_rows WHERE status IN (''pending'', ''succeeded'', ''requires_action'') AND NOT releases_authorisation) AS d (bucket, currency, gross, fees, refunds, disputes)
     GROUP BY bucket, currency HAVING sum(gross) <> 0 OR sum(fees) <> 0 OR sum(refunds) <> 0 OR sum(disputes) <> 0
    ON CONFLICT (bucket, currency) DO UPDATE SET gross = a.gross + EXCLUDED.gross, fees = a.fees + EXCLUDED.fees, refunds = a.refunds + EXCLUDED.refunds, disputes = a.disputes + EXCLUDED.disputes\073
  END IF\073
  RETURN NULL\073
END
';

-- Rows stored before this migration: a charge never captured has refunded nothing, and a refund on
-- it (or one Stripe made for an expired authorisation) only released it. The partly captured charges
-- of older API versions are corrected by their next event, whose version says how to read it.
UPDATE refunds r SET releases_authorisation = true
  FROM charges c
 WHERE r.charge_id = c.id AND (NOT c.captured OR r.reason = 'expired_uncaptured_charge') AND NOT r.releases_authorisation;
UPDATE charges SET amount_refunded = 0, refunded = false, updated_at = now() WHERE NOT captured AND (amount_refunded <> 0 OR refunded);
UPDATE payment_intents p SET amount_refunded = COALESCE((SELECT sum(c.amount_refunded) FROM charges c WHERE c.payment_intent_id = p.id), 0), updated_at = now()
 WHERE p.amount_refunded <> 0 AND p.status <> 'succeeded';

-- Every bucket counted again under the new rules.
DELETE FROM activity_buckets;
INSERT INTO activity_buckets AS a (bucket, currency, gross, fees, refunds, disputes)
SELECT bucket, currency, sum(gross), sum(fees), sum(refunds), sum(disputes)
  FROM (SELECT date_bin('15 minutes', created, TIMESTAMPTZ '2000-01-01 00:00:00+00'), currency, (amount_captured), (COALESCE(fee, 0)), 0, 0 FROM charges WHERE status = 'succeeded' AND captured UNION ALL SELECT date_bin('15 minutes', created, TIMESTAMPTZ '2000-01-01 00:00:00+00'), currency, 0, 0, (amount), 0 FROM refunds WHERE status IN ('pending', 'succeeded', 'requires_action') AND NOT releases_authorisation UNION ALL SELECT date_bin('15 minutes', created, TIMESTAMPTZ '2000-01-01 00:00:00+00'), currency, 0, 0, 0, (amount) FROM disputes WHERE true) AS d (bucket, currency, gross, fees, refunds, disputes)
 GROUP BY bucket, currency HAVING sum(gross) <> 0 OR sum(fees) <> 0 OR sum(refunds) <> 0 OR sum(disputes) <> 0
ON CONFLICT (bucket, currency) DO UPDATE SET gross = a.gross + EXCLUDED.gross, fees = a.fees + EXCLUDED.fees, refunds = a.refunds + EXCLUDED.refunds, disputes = a.disputes + EXCLUDED.disputes;
