-- CreateTable
CREATE TABLE "activity_buckets" (
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "currency" TEXT NOT NULL,
    "gross" BIGINT NOT NULL DEFAULT 0,
    "fees" BIGINT NOT NULL DEFAULT 0,
    "refunds" BIGINT NOT NULL DEFAULT 0,
    "disputes" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "activity_buckets_pkey" PRIMARY KEY ("bucket","currency")
);


-- Keep activity_buckets in step with charges, refunds and disputes. Statement-level triggers with
-- transition tables: a bulk insert updates each bucket once, an update moves an amount from its old
-- bucket to its new one, and nothing depends on which code path wrote the rows.
--
-- The function bodies are E'' strings with \073 for each semicolon inside them: @prisma/adapter-pg
-- runs a migration by splitting its text at every semicolon, which would cut a dollar-quoted body apart.

CREATE FUNCTION charges_activity_buckets() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''INSERT'' THEN
    INSERT INTO activity_buckets AS a (bucket, currency, gross, fees, refunds, disputes)
    SELECT bucket, currency, sum(gross), sum(fees), sum(refunds), sum(disputes)
      FROM (SELECT date_bin(''15 minutes'', created, TIMESTAMPTZ ''2000-01-01 00:00:00+00''), currency, (amount), (COALESCE(fee, 0)), 0, 0 FROM new_rows WHERE status = ''succeeded'') AS d (bucket, currency, gross, fees, refunds, disputes)
     GROUP BY bucket, currency HAVING sum(gross) <> 0 OR sum(fees) <> 0 OR sum(refunds) <> 0 OR sum(disputes) <> 0
    ON CONFLICT (bucket, currency) DO UPDATE SET gross = a.gross + EXCLUDED.gross, fees = a.fees + EXCLUDED.fees, refunds = a.refunds + EXCLUDED.refunds, disputes = a.disputes + EXCLUDED.disputes\073
  ELSIF TG_OP = ''UPDATE'' THEN
    INSERT INTO activity_buckets AS a (bucket, currency, gross, fees, refunds, disputes)
    SELECT bucket, currency, sum(gross), sum(fees), sum(refunds), sum(disputes)
      FROM (SELECT date_bin(''15 minutes'', created, TIMESTAMPTZ ''2000-01-01 00:00:00+00''), currency, (amount), (COALESCE(fee, 0)), 0, 0 FROM new_rows WHERE status = ''succeeded'' UNION ALL SELECT date_bin(''15 minutes'', created, TIMESTAMPTZ ''2000-01-01 00:00:00+00''), currency, -(amount), -(COALESCE(fee, 0)), 0, 0 FROM old_rows WHERE status = ''succeeded'') AS d (bucket, currency, gross, fees, refunds, disputes)
     GROUP BY bucket, currency HAVING sum(gross) <> 0 OR sum(fees) <> 0 OR sum(refunds) <> 0 OR sum(disputes) <> 0
    ON CONFLICT (bucket, currency) DO UPDATE SET gross = a.gross + EXCLUDED.gross, fees = a.fees + EXCLUDED.fees, refunds = a.refunds + EXCLUDED.refunds, disputes = a.disputes + EXCLUDED.disputes\073
  ELSE
    INSERT INTO activity_buckets AS a (bucket, currency, gross, fees, refunds, disputes)
    SELECT bucket, currency, sum(gross), sum(fees), sum(refunds), sum(disputes)
      FROM (SELECT date_bin(''15 minutes'', created, TIMESTAMPTZ ''2000-01-01 00:00:00+00''), currency, -(amount), -(COALESCE(fee, 0)), 0, 0 FROM old_rows WHERE status = ''succeeded'') AS d (bucket, currency, gross, fees, refunds, disputes)
     GROUP BY bucket, currency HAVING sum(gross) <> 0 OR sum(fees) <> 0 OR sum(refunds) <> 0 OR sum(disputes) <> 0
    ON CONFLICT (bucket, currency) DO UPDATE SET gross = a.gross + EXCLUDED.gross, fees = a.fees + EXCLUDED.fees, refunds = a.refunds + EXCLUDED.refunds, disputes = a.disputes + EXCLUDED.disputes\073
  END IF\073
  RETURN NULL\073
END
';

CREATE TRIGGER charges_activity_buckets_insert AFTER INSERT ON charges REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION charges_activity_buckets();
CREATE TRIGGER charges_activity_buckets_update AFTER UPDATE ON charges REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION charges_activity_buckets();
CREATE TRIGGER charges_activity_buckets_delete AFTER DELETE ON charges REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION charges_activity_buckets();

CREATE FUNCTION refunds_activity_buckets() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''INSERT'' THEN
    INSERT INTO activity_buckets AS a (bucket, currency, gross, fees, refunds, disputes)
    SELECT bucket, currency, sum(gross), sum(fees), sum(refunds), sum(disputes)
      FROM (SELECT date_bin(''15 minutes'', created, TIMESTAMPTZ ''2000-01-01 00:00:00+00''), currency, 0, 0, (amount), 0 FROM new_rows WHERE status IN (''pending'', ''succeeded'', ''requires_action'')) AS d (bucket, currency, gross, fees, refunds, disputes)
     GROUP BY bucket, currency HAVING sum(gross) <> 0 OR sum(fees) <> 0 OR sum(refunds) <> 0 OR sum(disputes) <> 0
    ON CONFLICT (bucket, currency) DO UPDATE SET gross = a.gross + EXCLUDED.gross, fees = a.fees + EXCLUDED.fees, refunds = a.refunds + EXCLUDED.refunds, disputes = a.disputes + EXCLUDED.disputes\073
  ELSIF TG_OP = ''UPDATE'' THEN
    INSERT INTO activity_buckets AS a (bucket, currency, gross, fees, refunds, disputes)
    SELECT bucket, currency, sum(gross), sum(fees), sum(refunds), sum(disputes)
      FROM (SELECT date_bin(''15 minutes'', created, TIMESTAMPTZ ''2000-01-01 00:00:00+00''), currency, 0, 0, (amount), 0 FROM new_rows WHERE status IN (''pending'', ''succeeded'', ''requires_action'') UNION ALL SELECT date_bin(''15 minutes'', created, TIMESTAMPTZ ''2000-01-01 00:00:00+00''), currency, 0, 0, -(amount), 0 FROM old_rows WHERE status IN (''pending'', ''succeeded'', ''requires_action'')) AS d (bucket, currency, gross, fees, refunds, disputes)
     GROUP BY bucket, currency HAVING sum(gross) <> 0 OR sum(fees) <> 0 OR sum(refunds) <> 0 OR sum(disputes) <> 0
    ON CONFLICT (bucket, currency) DO UPDATE SET gross = a.gross + EXCLUDED.gross, fees = a.fees + EXCLUDED.fees, refunds = a.refunds + EXCLUDED.refunds, disputes = a.disputes + EXCLUDED.disputes\073
  ELSE
    INSERT INTO activity_buckets AS a (bucket, currency, gross, fees, refunds, disputes)
    SELECT bucket, currency, sum(gross), sum(fees), sum(refunds), sum(disputes)
      FROM (SELECT date_bin(''15 minutes'', created, TIMESTAMPTZ ''2000-01-01 00:00:00+00''), currency, 0, 0, -(amount), 0 FROM old_rows WHERE status IN (''pending'', ''succeeded'', ''requires_action'')) AS d (bucket, currency, gross, fees, refunds, disputes)
     GROUP BY bucket, currency HAVING sum(gross) <> 0 OR sum(fees) <> 0 OR sum(refunds) <> 0 OR sum(disputes) <> 0
    ON CONFLICT (bucket, currency) DO UPDATE SET gross = a.gross + EXCLUDED.gross, fees = a.fees + EXCLUDED.fees, refunds = a.refunds + EXCLUDED.refunds, disputes = a.disputes + EXCLUDED.disputes\073
  END IF\073
  RETURN NULL\073
END
';

CREATE TRIGGER refunds_activity_buckets_insert AFTER INSERT ON refunds REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION refunds_activity_buckets();
CREATE TRIGGER refunds_activity_buckets_update AFTER UPDATE ON refunds REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION refunds_activity_buckets();
CREATE TRIGGER refunds_activity_buckets_delete AFTER DELETE ON refunds REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION refunds_activity_buckets();

CREATE FUNCTION disputes_activity_buckets() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''INSERT'' THEN
    INSERT INTO activity_buckets AS a (bucket, currency, gross, fees, refunds, disputes)
    SELECT bucket, currency, sum(gross), sum(fees), sum(refunds), sum(disputes)
      FROM (SELECT date_bin(''15 minutes'', created, TIMESTAMPTZ ''2000-01-01 00:00:00+00''), currency, 0, 0, 0, (amount) FROM new_rows WHERE true) AS d (bucket, currency, gross, fees, refunds, disputes)
     GROUP BY bucket, currency HAVING sum(gross) <> 0 OR sum(fees) <> 0 OR sum(refunds) <> 0 OR sum(disputes) <> 0
    ON CONFLICT (bucket, currency) DO UPDATE SET gross = a.gross + EXCLUDED.gross, fees = a.fees + EXCLUDED.fees, refunds = a.refunds + EXCLUDED.refunds, disputes = a.disputes + EXCLUDED.disputes\073
  ELSIF TG_OP = ''UPDATE'' THEN
    INSERT INTO activity_buckets AS a (bucket, currency, gross, fees, refunds, disputes)
    SELECT bucket, currency, sum(gross), sum(fees), sum(refunds), sum(disputes)
      FROM (SELECT date_bin(''15 minutes'', created, TIMESTAMPTZ ''2000-01-01 00:00:00+00''), currency, 0, 0, 0, (amount) FROM new_rows WHERE true UNION ALL SELECT date_bin(''15 minutes'', created, TIMESTAMPTZ ''2000-01-01 00:00:00+00''), currency, 0, 0, 0, -(amount) FROM old_rows WHERE true) AS d (bucket, currency, gross, fees, refunds, disputes)
     GROUP BY bucket, currency HAVING sum(gross) <> 0 OR sum(fees) <> 0 OR sum(refunds) <> 0 OR sum(disputes) <> 0
    ON CONFLICT (bucket, currency) DO UPDATE SET gross = a.gross + EXCLUDED.gross, fees = a.fees + EXCLUDED.fees, refunds = a.refunds + EXCLUDED.refunds, disputes = a.disputes + EXCLUDED.disputes\073
  ELSE
    INSERT INTO activity_buckets AS a (bucket, currency, gross, fees, refunds, disputes)
    SELECT bucket, currency, sum(gross), sum(fees), sum(refunds), sum(disputes)
      FROM (SELECT date_bin(''15 minutes'', created, TIMESTAMPTZ ''2000-01-01 00:00:00+00''), currency, 0, 0, 0, -(amount) FROM old_rows WHERE true) AS d (bucket, currency, gross, fees, refunds, disputes)
     GROUP BY bucket, currency HAVING sum(gross) <> 0 OR sum(fees) <> 0 OR sum(refunds) <> 0 OR sum(disputes) <> 0
    ON CONFLICT (bucket, currency) DO UPDATE SET gross = a.gross + EXCLUDED.gross, fees = a.fees + EXCLUDED.fees, refunds = a.refunds + EXCLUDED.refunds, disputes = a.disputes + EXCLUDED.disputes\073
  END IF\073
  RETURN NULL\073
END
';

CREATE TRIGGER disputes_activity_buckets_insert AFTER INSERT ON disputes REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION disputes_activity_buckets();
CREATE TRIGGER disputes_activity_buckets_update AFTER UPDATE ON disputes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION disputes_activity_buckets();
CREATE TRIGGER disputes_activity_buckets_delete AFTER DELETE ON disputes REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION disputes_activity_buckets();

-- Rows stored before this migration.
INSERT INTO activity_buckets AS a (bucket, currency, gross, fees, refunds, disputes)
SELECT bucket, currency, sum(gross), sum(fees), sum(refunds), sum(disputes)
  FROM (SELECT date_bin('15 minutes', created, TIMESTAMPTZ '2000-01-01 00:00:00+00'), currency, (amount), (COALESCE(fee, 0)), 0, 0 FROM charges WHERE status = 'succeeded' UNION ALL SELECT date_bin('15 minutes', created, TIMESTAMPTZ '2000-01-01 00:00:00+00'), currency, 0, 0, (amount), 0 FROM refunds WHERE status IN ('pending', 'succeeded', 'requires_action') UNION ALL SELECT date_bin('15 minutes', created, TIMESTAMPTZ '2000-01-01 00:00:00+00'), currency, 0, 0, 0, (amount) FROM disputes WHERE true) AS d (bucket, currency, gross, fees, refunds, disputes)
 GROUP BY bucket, currency HAVING sum(gross) <> 0 OR sum(fees) <> 0 OR sum(refunds) <> 0 OR sum(disputes) <> 0
ON CONFLICT (bucket, currency) DO UPDATE SET gross = a.gross + EXCLUDED.gross, fees = a.fees + EXCLUDED.fees, refunds = a.refunds + EXCLUDED.refunds, disputes = a.disputes + EXCLUDED.disputes;
