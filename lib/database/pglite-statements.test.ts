import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgliteDriverTransactions, type DriverTransactions } from "./sql-transaction";

// A PGlite of its own, whatever database the suite runs on: these are PGlite's driver transactions.
let pglite: PGlite;
let transaction: DriverTransactions;

beforeAll(async () => {
  pglite = new PGlite();
  await pglite.exec(`CREATE TABLE items (id text PRIMARY KEY, amount bigint NOT NULL, tags text[], data jsonb, at timestamptz, paid boolean)`);
  transaction = pgliteDriverTransactions(pglite);
});

afterAll(async () => {
  await pglite.close();
});

const statementsFor = async (fragment: string) =>
  (
    await pglite.query<{ name: string; generic_plans: number; custom_plans: number }>(
      `SELECT name, generic_plans::int, custom_plans::int FROM pg_prepared_statements WHERE statement LIKE '%' || $1 || '%'`,
      [fragment],
    )
  ).rows;

describe("PGlite's driver transactions", () => {
  it("prepare each statement text once and reuse its plan, across transactions", async () => {
    const insert = `INSERT INTO items (id, amount) SELECT id, 1 FROM unnest($1::text[]) AS id ON CONFLICT (id) DO UPDATE SET amount = items.amount + 1`;
    for (let round = 0; round < 8; round++) await transaction((tx) => tx.$executeRawUnsafe(insert, ["a", "b"]));
    const [statement, ...others] = await statementsFor("unnest($1::text[]) AS id ON CONFLICT");
    expect(others).toEqual([]);
    expect(statement!.name).toMatch(/^ledgerline_driver_\d+$/);
    // Planned at most five times (PostgreSQL's custom plans before it settles on a generic one), not eight.
    expect(statement!.generic_plans + statement!.custom_plans).toBe(8);
    expect(statement!.generic_plans).toBeGreaterThan(0);
    expect((await pglite.query(`SELECT amount FROM items WHERE id = 'a'`)).rows).toEqual([{ amount: 8 }]);
  });

  it("answer rows and affected rows as PGlite's own query does", async () => {
    const select = `SELECT id, amount, tags, data, at, paid, NULL::text AS nothing FROM items WHERE id = ANY($1::text[]) ORDER BY id`;
    await pglite.query(`INSERT INTO items (id, amount, tags, data, at, paid) VALUES ('c', 9007199254740993, '{x,"y z",NULL}', '{"n":1}', '2026-12-07T12:00:00Z', true)`);
    const ours = await transaction((tx) => tx.$queryRawUnsafe(select, ["a", "c"]));
    expect(ours).toEqual((await pglite.query(select, [["a", "c"]])).rows);
    expect(await transaction((tx) => tx.$executeRawUnsafe(`UPDATE items SET paid = $1 WHERE id = ANY($2::text[])`, false, ["a", "b"]))).toBe(2);
    expect(await transaction((tx) => tx.$executeRawUnsafe(`SELECT 1`))).toBe(0);
  });

  it("keep their statements through a rollback, and remember none the database refused", async () => {
    const insert = `INSERT INTO items (id, amount) VALUES ($1, $2)`;
    await expect(
      transaction(async (tx) => {
        await tx.$executeRawUnsafe(insert, "d", 1);
        await tx.$executeRawUnsafe(insert, "d", 1);
      }),
    ).rejects.toThrow(/duplicate key/);
    await expect(transaction((tx) => tx.$executeRawUnsafe(`INSERT INTO no_such_table VALUES ($1)`, "x"))).rejects.toThrow(/no_such_table/);
    expect(await statementsFor("no_such_table")).toEqual([]);
    // The rolled-back transaction's statement is used again, and the connection works.
    await transaction((tx) => tx.$executeRawUnsafe(insert, "d", 2));
    expect(await statementsFor("VALUES ($1, $2)")).toHaveLength(1);
    expect((await pglite.query(`SELECT amount FROM items WHERE id = 'd'`)).rows).toEqual([{ amount: 2 }]);
  });

  it("prepare a statement anew once a table changed the shape of its rows", async () => {
    const select = `SELECT * FROM items WHERE id = $1`;
    await transaction((tx) => tx.$queryRawUnsafe(select, "d"));
    await pglite.exec(`ALTER TABLE items ADD COLUMN note text`);
    await expect(transaction((tx) => tx.$queryRawUnsafe(select, "d"))).rejects.toThrow(/cached plan must not change result type/);
    expect(await transaction((tx) => tx.$queryRawUnsafe(select, "d"))).toEqual([expect.objectContaining({ id: "d", note: null })]);
  });
});
