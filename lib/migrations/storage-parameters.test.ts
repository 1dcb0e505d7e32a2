import { describe, expect, it } from "vitest";

import { useTestDatabase } from "@/tests/support/db";

const database = useTestDatabase();

// A snapshot of about 3 kB that compresses to about 1.3 kB, as a card payment's often does: under
// the default tuple target PostgreSQL keeps it compressed in the row, so every summary UPDATE of the
// row copies it again. schema.prisma cannot state a table's storage parameters and Prisma's diff
// does not compare them, so a table recreated by a generated migration would lose them silently.
const SNAPSHOT = JSON.stringify(
  Object.fromEntries(Array.from({ length: 90 }, (_, i) => [`field_${i}`, `value number ${i} ${(i * 7919).toString(16)}`])),
);

async function toastedChunks(table: string): Promise<number> {
  const [row] = await database.client.$queryRawUnsafe<{ toast: string }[]>(
    `SELECT reltoastrelid::regclass::text AS toast FROM pg_class WHERE oid = $1::regclass`,
    table,
  );
  const [count] = await database.client.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${row!.toast}`);
  return count!.n;
}

describe("storage of the card mirrors' snapshots", () => {
  it("keeps a large snapshot of a payment or a charge out of its row", async () => {
    for (const [table, id] of [["payment_intents", "pi_storage"], ["charges", "ch_storage"]] as const) {
      const before = await toastedChunks(table);
      await database.client.$executeRawUnsafe(
        `INSERT INTO ${table} (id, livemode, created, status, amount, currency, data, synced_at)
         VALUES ($1, false, now(), 'succeeded', 1000, 'usd', $2::jsonb, now())`,
        id,
        SNAPSHOT,
      );
      expect(await toastedChunks(table), table).toBeGreaterThan(before);
    }
  });
});
