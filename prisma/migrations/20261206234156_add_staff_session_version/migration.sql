-- AlterTable
ALTER TABLE "staff_users" ADD COLUMN     "session_version" INTEGER NOT NULL DEFAULT 0;

-- Sessions were ended by a disable through the audit log (a token older than the last disable).
-- Tokens issued before this migration carry no version and count as 0, so anyone ever disabled
-- starts at 1 and every token they held before is refused, as it was.
UPDATE "staff_users" AS s SET "session_version" = 1
WHERE EXISTS (
  SELECT 1 FROM "staff_actions" AS a
  WHERE a."object_id" = s."id"::text AND a."kind" = 'staff.disable' AND a."status" = 'succeeded'
);
