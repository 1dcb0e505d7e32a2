-- CreateTable
CREATE TABLE "charge_count_buckets" (
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "charges" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "charge_count_buckets_pkey" PRIMARY KEY ("bucket")
);

-- Keep charge_count_buckets in step with charges: +1 in the quarter hour of a charge's created when
-- it is (or becomes) succeeded, −1 when it stops being so or is deleted. Same trigger shape as
-- 20261127110430_add_activity_buckets, whose note on E'' strings and \073 applies.
CREATE FUNCTION charges_count_buckets() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''INSERT'' THEN
    INSERT INTO charge_count_buckets AS b (bucket, charges)
    SELECT date_bin(''15 minutes'', created, TIMESTAMPTZ ''2000-01-01 00:00:00+00''), count(*) FROM new_rows WHERE status = ''succeeded'' GROUP BY 1
    ON CONFLICT (bucket) DO UPDATE SET charges = b.charges + EXCLUDED.charges\073
  ELSIF TG_OP = ''UPDATE'' THEN
    INSERT INTO charge_count_buckets AS b (bucket, charges)
    SELECT bucket, sum(n) FROM (
      SELECT date_bin(''15 minutes'', created, TIMESTAMPTZ ''2000-01-01 00:00:00+00''), 1 FROM new_rows WHERE status = ''succeeded''
      UNION ALL SELECT date_bin(''15 minutes'', created, TIMESTAMPTZ ''2000-01-01 00:00:00+00''), -1 FROM old_rows WHERE status = ''succeeded'') AS d (bucket, n)
     GROUP BY bucket HAVING sum(n) <> 0
    ON CONFLICT (bucket) DO UPDATE SET charges = b.charges + EXCLUDED.charges\073
  ELSE
    INSERT INTO charge_count_buckets AS b (bucket, charges)
    SELECT date_bin(''15 minutes'', created, TIMESTAMPTZ ''2000-01-01 00:00:00+00''), -count(*) FROM old_rows WHERE status = ''succeeded'' GROUP BY 1
    ON CONFLICT (bucket) DO UPDATE SET charges = b.charges + EXCLUDED.charges\073
  END IF\073
  RETURN NULL\073
END
';

CREATE TRIGGER charges_count_buckets_insert AFTER INSERT ON charges REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION charges_count_buckets();
CREATE TRIGGER charges_count_buckets_update AFTER UPDATE ON charges REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION charges_count_buckets();
CREATE TRIGGER charges_count_buckets_delete AFTER DELETE ON charges REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION charges_count_buckets();

-- The charges already held.
INSERT INTO charge_count_buckets (bucket, charges)
SELECT date_bin('15 minutes', created, TIMESTAMPTZ '2000-01-01 00:00:00+00'), count(*) FROM charges WHERE status = 'succeeded' GROUP BY 1;
