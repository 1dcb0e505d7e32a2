-- Stripe's Dashboard roles replace admin / agent / viewer, and a person may hold several
-- (lib/auth/roles.ts, docs/ROLES.md). Existing staff keep what they could do:
--   admin  → administrator
--   agent  → support_specialist + refund_analyst + dispute_analyst (customers, card links and
--            charges; refunds of any size; dispute evidence)
--   viewer → view_only
CREATE TYPE "StaffRole_new" AS ENUM ('administrator', 'developer', 'analyst', 'support_specialist', 'refund_analyst', 'dispute_analyst', 'view_only');

ALTER TABLE "staff_users" ADD COLUMN "roles" "StaffRole_new"[];

UPDATE "staff_users" SET "roles" = CASE "role"::text
  WHEN 'admin' THEN ARRAY['administrator']::"StaffRole_new"[]
  WHEN 'agent' THEN ARRAY['support_specialist', 'refund_analyst', 'dispute_analyst']::"StaffRole_new"[]
  ELSE ARRAY['view_only']::"StaffRole_new"[]
END;

-- Session tokens carry the role they signed in with: every session ends, and the next sign-in
-- carries the new roles.
UPDATE "staff_users" SET "session_version" = "session_version" + 1;

ALTER TABLE "staff_users" DROP COLUMN "role";
DROP TYPE "StaffRole";
ALTER TYPE "StaffRole_new" RENAME TO "StaffRole";

-- Nobody is without a role (Prisma cannot say so in the schema). The app stores each set in
-- STAFF_ROLES order without repeats (lib/auth/roles.ts sortedRoles).
ALTER TABLE "staff_users" ADD CONSTRAINT "staff_users_roles_held" CHECK (
  "roles" IS NOT NULL AND cardinality("roles") > 0 AND array_position("roles", NULL) IS NULL
);
