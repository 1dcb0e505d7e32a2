import { describe, expect, it } from "vitest";

import { Prisma } from "@/lib/generated/prisma/client";
import { useTestDatabase } from "@/tests/support/db";

const database = useTestDatabase();

// schema.prisma cannot state a table's storage parameters or a column's storage, and Prisma's diff
// does not compare them: a table recreated by a generated migration would lose them silently, and
// every summary UPDATE of a payment would copy its snapshot into the WAL again.
describe("storage of the rows every webhook writes", () => {
  it("keeps large snapshots of payments and charges out of line, and event payloads compressed in line", async () => {
    const tables = await database.client.$queryRaw<{ relname: string; reloptions: string[] | null }[]>(
      Prisma.sql`SELECT relname, reloptions FROM pg_class
                  WHERE relnamespace = current_schema()::regnamespace
                    AND relname IN ('payment_intents', 'charges', 'stripe_events') ORDER BY relname`,
    );
    expect(tables.map((t) => [t.relname, t.reloptions])).toEqual([
      ["charges", ["toast_tuple_target=128"]],
      ["payment_intents", ["toast_tuple_target=128"]],
      ["stripe_events", ["toast_tuple_target=128"]],
    ]);
    const [payload] = await database.client.$queryRaw<{ attstorage: string }[]>(
      Prisma.sql`SELECT attstorage::text AS attstorage FROM pg_attribute WHERE attrelid = 'stripe_events'::regclass AND attname = 'payload'`,
    );
    expect(payload?.attstorage).toBe("m");
  });
});
