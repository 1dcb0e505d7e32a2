// The migration to Stripe's roles, applied to a database that still holds admin / agent / viewer
// rows (PGlite, or PostgreSQL with TEST_DATABASE_URL).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeTestDatabase, openTestDatabase } from "@/tests/support/db";
import { applyMigrations } from "@/lib/migrations/apply";
import { DEFAULT_MIGRATIONS_DIR } from "@/lib/migrations/directory";

const MIGRATION = fs.readdirSync(DEFAULT_MIGRATIONS_DIR).find((name) => name.endsWith("_staff_roles_as_stripe_defines_them"))!;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ledgerline-roles-"));

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** The migrations as they were before this one. */
function migrationsBefore(): string {
  fs.cpSync(DEFAULT_MIGRATIONS_DIR, scratch, { recursive: true });
  for (const name of fs.readdirSync(scratch)) {
    if (fs.statSync(path.join(scratch, name)).isDirectory() && name >= MIGRATION) fs.rmSync(path.join(scratch, name), { recursive: true });
  }
  return scratch;
}

describe("the migration to Stripe's roles", () => {
  it("gives admin, agent and viewer rows the roles that keep what they could do, and ends their sessions", async () => {
    const fresh = await openTestDatabase({ migrate: false });
    try {
      const client = fresh.connection.client;
      const before = await applyMigrations(fresh.connection.adapterFactory, migrationsBefore());
      expect(before).not.toContain(MIGRATION);
      await client.$executeRawUnsafe(`
        INSERT INTO staff_users (email, name, password_hash, role, session_version) VALUES
          ('ada@shop.test', 'Ada', 'x', 'admin', 0),
          ('al@shop.test', 'Al', 'x', 'agent', 3),
          ('vic@shop.test', 'Vic', 'x', 'viewer', 0)`);

      expect(await applyMigrations(fresh.connection.adapterFactory, DEFAULT_MIGRATIONS_DIR)).toContain(MIGRATION);

      const rows = await client.$queryRawUnsafe<{ email: string; roles: string; session_version: number }[]>(
        `SELECT email, roles::text AS roles, session_version FROM staff_users ORDER BY email`,
      );
      expect(rows).toEqual([
        { email: "ada@shop.test", roles: "{administrator}", session_version: 1 },
        { email: "al@shop.test", roles: "{support_specialist,refund_analyst,dispute_analyst}", session_version: 4 },
        { email: "vic@shop.test", roles: "{view_only}", session_version: 1 },
      ]);
      const columns = await client.$queryRawUnsafe<{ column_name: string }[]>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'staff_users' AND column_name IN ('role', 'roles')`,
      );
      expect(columns.map((c) => c.column_name)).toEqual(["roles"]);
      // Nobody without a role, nor with an old one.
      await expect(client.$executeRawUnsafe(`UPDATE staff_users SET roles = '{}' WHERE email = 'vic@shop.test'`)).rejects.toThrow(/staff_users_roles_held/);
      await expect(client.$executeRawUnsafe(`UPDATE staff_users SET roles = '{admin}' WHERE email = 'vic@shop.test'`)).rejects.toThrow(/invalid input value for enum/);
    } finally {
      await closeTestDatabase(fresh);
    }
  }, 180_000);
});
