-- AlterTable
ALTER TABLE "staff_users" ADD COLUMN     "password_change_required" BOOLEAN NOT NULL DEFAULT false;

-- Until now the audit log alone said who still owes the change: an invite with no later change.
UPDATE "staff_users" AS s SET "password_change_required" = true
WHERE (
  SELECT a."kind" FROM "staff_actions" AS a
  WHERE a."object_id" = s."id"::text AND a."kind" IN ('staff.invite', 'staff.password.change') AND a."status" = 'succeeded'
  ORDER BY a."created_at" DESC LIMIT 1
) = 'staff.invite';
