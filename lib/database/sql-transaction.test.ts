import { afterEach, describe, expect, it } from "vitest";
import { databaseConnection, db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import type { SqlTransaction } from "./sql-transaction";
import { preparedStatementName } from "./statement-names";

useTestDatabase();

afterEach(async () => {
  await db().$executeRawUnsafe(`DELETE FROM settings`);
});

const storedKeys = async () => (await db().setting.findMany({ select: { key: true }, orderBy: { key: "asc" } })).map((s) => s.key);

describe("a transaction on the driver", () => {
  it("commits its writes and answers as Prisma's raw methods do: affected rows, and rows", async () => {
    const result = await databaseConnection().driverTransaction(async (tx) => {
      const inserted = await tx.$executeRawUnsafe(
        `INSERT INTO settings (key, value) SELECT k, $2::jsonb FROM unnest($1::text[]) AS k`,
        ["driver.a", "driver.b"],
        JSON.stringify({ at: "2026-12-07" }),
      );
      const rows = await tx.$queryRawUnsafe<{ key: string; fresh: boolean; at: string }[]>(
        `SELECT key, updated_at > $1::timestamptz AS fresh, value->>'at' AS at FROM settings ORDER BY key`,
        new Date(Date.now() - 60_000),
      );
      return { inserted, rows };
    });
    expect(result).toEqual({
      inserted: 2,
      rows: [
        { key: "driver.a", fresh: true, at: "2026-12-07" },
        { key: "driver.b", fresh: true, at: "2026-12-07" },
      ],
    });
    expect(await storedKeys()).toEqual(["driver.a", "driver.b"]);
  });

  it("rolls everything back when its work throws, and leaves the connection usable", async () => {
    const failing = databaseConnection().driverTransaction(async (tx) => {
      await tx.$executeRawUnsafe(`INSERT INTO settings (key, value) VALUES ('driver.lost', '{}'::jsonb)`);
      throw new Error("a projection failed");
    });
    await expect(failing).rejects.toThrow("a projection failed");
    // A statement the database refuses rolls back the same way.
    const refused = databaseConnection().driverTransaction(async (tx) => {
      await tx.$executeRawUnsafe(`INSERT INTO settings (key, value) VALUES ('driver.lost', '{}'::jsonb)`);
      await tx.$executeRawUnsafe(`INSERT INTO settings (key, value) VALUES ('driver.lost', '{}'::jsonb)`);
    });
    await expect(refused).rejects.toThrow(/duplicate key/);
    expect(await storedKeys()).toEqual([]);
    await databaseConnection().driverTransaction((tx) => tx.$executeRawUnsafe(`INSERT INTO settings (key, value) VALUES ('driver.after', '{}'::jsonb)`));
    expect(await storedKeys()).toEqual(["driver.after"]);
  });

  it("sends statements not waited for with the next awaited one, in order, and any failure among them rolls the transaction back", async () => {
    const insert = `INSERT INTO settings (key, value) VALUES ($1, '{}'::jsonb)`;
    const count = `SELECT count(*)::int AS n FROM settings WHERE key LIKE $1`;
    const seen = await databaseConnection().driverTransaction(async (tx) => {
      const checked: number[] = [];
      tx.sendLater!(insert, ["driver.later.a"]);
      tx.sendLater!(count, ["driver.later.%"], (rows) => checked.push(rows[0]!.n as number));
      tx.sendLater!(insert, ["driver.later.b"]);
      // Nothing has been checked before a statement is awaited: it is all still in this process.
      expect(checked).toEqual([]);
      const rows = await tx.$queryRawUnsafe<{ n: number }[]>(count, "driver.later.%");
      return { checked, awaited: rows[0]!.n };
    });
    expect(seen).toEqual({ checked: [1], awaited: 2 });
    expect(await storedKeys()).toEqual(["driver.later.a", "driver.later.b"]);
    await db().$executeRawUnsafe(`DELETE FROM settings`);

    // A statement the database refuses fails the awaited one, though it came before it. This text
    // is prepared in the failing round trip: whether it outlived the failure is not known.
    const insertFirstSeenHere = `${insert} -- first seen in a failing round trip`;
    const refused = databaseConnection().driverTransaction(async (tx) => {
      tx.sendLater!(insertFirstSeenHere, ["driver.lost"]);
      tx.sendLater!(insertFirstSeenHere, ["driver.lost"]);
      await tx.$queryRawUnsafe(count, "%");
    });
    await expect(refused).rejects.toThrow(/duplicate key/);
    // So does a check that throws, and one left for the commit fails the commit.
    const tied = databaseConnection().driverTransaction(async (tx) => {
      tx.sendLater!(insert, ["driver.lost"]);
      tx.sendLater!(count, ["%"], () => {
        throw new Error("a same-second tie");
      });
    });
    await expect(tied).rejects.toThrow("a same-second tie");
    expect(await storedKeys()).toEqual([]);
    // The statements prepared in the failed pipelines are sent again without trouble.
    await databaseConnection().driverTransaction(async (tx) => {
      tx.sendLater!(insertFirstSeenHere, ["driver.after"]);
      await tx.$queryRawUnsafe(count, "%");
    });
    expect(await storedKeys()).toEqual(["driver.after"]);
  });

  it.runIf(process.env.TEST_DATABASE_URL)("is bounded on PostgreSQL as Prisma's transactions are: 30 s per statement and between statements", async () => {
    const bounds = await databaseConnection().driverTransaction((tx) =>
      tx.$queryRawUnsafe<{ statement: string; idle: string }[]>(
        `SELECT current_setting('statement_timeout') AS statement, current_setting('idle_in_transaction_session_timeout') AS idle`,
      ),
    );
    expect(bounds).toEqual([{ statement: "30s", idle: "30s" }]);
    // SET LOCAL ends with the transaction: the pooled connection goes back to Prisma unbounded.
    const after = await db().$queryRawUnsafe<{ statement: string }[]>(`SELECT current_setting('statement_timeout') AS statement`);
    expect(after).toEqual([{ statement: "0" }]);
  });

  it.runIf(process.env.TEST_DATABASE_URL)("prepares a statement with parameters once per pooled connection, under one name, across transactions", async () => {
    const text = `SELECT count(*)::int AS n FROM settings WHERE key = $1`;
    const preparedHere = (tx: SqlTransaction) =>
      tx.$queryRawUnsafe<{ pid: number; names: string[] }[]>(
        `SELECT pg_backend_pid() AS pid, ARRAY(SELECT name FROM pg_prepared_statements WHERE statement = $1 AND NOT from_sql) AS names`,
        text,
      );
    const first = await databaseConnection().driverTransaction(async (tx) => {
      await tx.$queryRawUnsafe(text, "driver.a");
      await tx.$queryRawUnsafe(text, "driver.b");
      return (await preparedHere(tx))[0]!;
    });
    expect(first.names).toEqual([preparedStatementName(text)]);
    const second = await databaseConnection().driverTransaction(async (tx) => {
      expect(await tx.$queryRawUnsafe(text, "driver.a")).toEqual([{ n: 0 }]);
      return (await preparedHere(tx))[0]!;
    });
    // The pool hands back the connection it was just given; the statement is still prepared there.
    expect(second).toEqual(first);
  });

  it.runIf(process.env.TEST_DATABASE_URL)("prepares a statement anew on a new connection once a table change made PostgreSQL refuse it", async () => {
    await db().$executeRawUnsafe(`CREATE TABLE driver_shape (a int)`);
    try {
      await db().$executeRawUnsafe(`INSERT INTO driver_shape (a) VALUES (1)`);
      const text = `SELECT * FROM driver_shape WHERE a = $1`;
      const read = () => databaseConnection().driverTransaction((tx) => tx.$queryRawUnsafe<Record<string, unknown>[]>(text, 1));
      expect(await read()).toEqual([{ a: 1 }]);
      await db().$executeRawUnsafe(`ALTER TABLE driver_shape ADD COLUMN b int`);
      // The first read after the change may meet the old statement; the next is answered in the new shape.
      await read().catch((error: { code?: string }) => expect(error.code).toBe("0A000"));
      expect(await read()).toEqual([{ a: 1, b: null }]);
    } finally {
      await db().$executeRawUnsafe(`DROP TABLE driver_shape`);
    }
  });

  it.runIf(process.env.TEST_DATABASE_URL)("sends a statement without parameters as it is: it may hold several", async () => {
    await databaseConnection().driverTransaction((tx) =>
      tx.$executeRawUnsafe(`INSERT INTO settings (key, value) VALUES ('driver.one', '{}'::jsonb); INSERT INTO settings (key, value) VALUES ('driver.two', '{}'::jsonb)`),
    );
    expect(await storedKeys()).toEqual(["driver.one", "driver.two"]);
  });
});
