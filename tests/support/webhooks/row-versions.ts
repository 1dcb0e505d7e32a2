import { db } from "@/lib/db";

/**
 * The row versions written to `table` while `work` runs, per row id. In PostgreSQL every version
 * is a new tuple and its WAL, and, unless the update is HOT, an entry in each of the table's
 * indexes: a projection that writes a row twice where once would do costs all of it twice.
 * Counted by a trigger that lives only for the call.
 */
export async function rowVersions(table: "payment_intents" | "charges", work: () => Promise<unknown>): Promise<Map<string, number>> {
  await db().$executeRawUnsafe(`CREATE TABLE test_row_versions (id text NOT NULL)`);
  await db().$executeRawUnsafe(
    `CREATE FUNCTION test_count_row_version() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN INSERT INTO test_row_versions VALUES (NEW.id); RETURN NULL; END $$`,
  );
  await db().$executeRawUnsafe(`CREATE TRIGGER test_count_row_version AFTER INSERT OR UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION test_count_row_version()`);
  try {
    await work();
    const rows = await db().$queryRawUnsafe<{ id: string; versions: number }[]>(`SELECT id, count(*)::int AS versions FROM test_row_versions GROUP BY id`);
    return new Map(rows.map((r) => [r.id, r.versions]));
  } finally {
    await db().$executeRawUnsafe(`DROP TRIGGER test_count_row_version ON ${table}`);
    await db().$executeRawUnsafe(`DROP FUNCTION test_count_row_version()`);
    await db().$executeRawUnsafe(`DROP TABLE test_row_versions`);
  }
}
