-- A mirror write that a group-commit batch sends without waiting raises its same-second tie in the
-- database (SQLSTATE LLT01, mirror.ts) instead of returning it for the application to read: the error
-- stops the batch's pipeline before COMMIT, so COMMIT can travel in the same round trip as the
-- projections. VOLATILE, so the planner never evaluates it outside the CASE that calls it.
CREATE FUNCTION same_second_tie(mirror_table text, object_id text) RETURNS boolean LANGUAGE plpgsql VOLATILE AS E'
BEGIN
  RAISE EXCEPTION ''% %: two snapshots of the same second, the object must be fetched from Stripe'', mirror_table, object_id
    USING ERRCODE = ''LLT01'', TABLE = mirror_table, DETAIL = object_id\073
END\073
';
