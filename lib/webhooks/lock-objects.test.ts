import { describe, expect, it } from "vitest";
import type { SqlTransaction } from "@/lib/database/sql-transaction";
import { databaseConnection } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { lockObjects } from "./mirror";

useTestDatabase();

/** The same transaction, counting the statements sent through it. */
function counted(tx: SqlTransaction): { tx: SqlTransaction; sent: () => number } {
  let sent = 0;
  return {
    tx: {
      heldLocks: tx.heldLocks,
      $executeRawUnsafe: (query, ...values) => ((sent += 1), tx.$executeRawUnsafe(query, ...values)),
      $queryRawUnsafe: (query, ...values) => ((sent += 1), tx.$queryRawUnsafe(query, ...values)),
    },
    sent: () => sent,
  };
}

/** Which of `ids` this connection holds an advisory lock on (as lockObjects keys them), and the connection. */
async function lockedHere(tx: SqlTransaction, ids: string[]): Promise<{ pid: number; locked: string[] }> {
  const rows = await tx.$queryRawUnsafe<{ pid: number; locked: string[] }[]>(
    `SELECT pg_backend_pid() AS pid, ARRAY(
       SELECT id FROM unnest($1::text[]) AS id
        WHERE EXISTS (SELECT 1 FROM pg_locks l
                       WHERE l.locktype = 'advisory' AND l.objsubid = 1 AND l.pid = pg_backend_pid() AND l.granted
                         AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended(id, 0))
        ORDER BY id) AS locked`,
    ids,
  );
  return rows[0]!;
}

describe("locks of a driver transaction", () => {
  it("are asked for only when one is not yet held by the transaction", async () => {
    await databaseConnection().driverTransaction(async (driverTx) => {
      const { tx, sent } = counted(driverTx);
      await lockObjects(tx, ["ch_1", "pi_1", null]);
      await lockObjects(tx, ["pi_1", "ch_1"]);
      await lockObjects(tx, ["ch_1"]);
      expect(sent()).toBe(1);
      await lockObjects(tx, ["ch_1", "re_1"]);
      expect(sent()).toBe(2);
      expect((await lockedHere(driverTx, ["ch_1", "pi_1", "re_1"])).locked).toEqual(["ch_1", "pi_1", "re_1"]);
    });
  });

  it("are taken again by the next transaction on the same pooled connection: they ended at commit", async () => {
    const first = await databaseConnection().driverTransaction(async (tx) => {
      await lockObjects(tx, ["ch_2"]);
      return lockedHere(tx, ["ch_2"]);
    });
    expect(first.locked).toEqual(["ch_2"]);
    const second = await databaseConnection().driverTransaction(async (driverTx) => {
      const { tx, sent } = counted(driverTx);
      const before = await lockedHere(driverTx, ["ch_2"]);
      await lockObjects(tx, ["ch_2"]);
      return { before, after: await lockedHere(driverTx, ["ch_2"]), sent: sent() };
    });
    // The pool hands back the connection it was just given (PGlite has only one).
    expect(second.before).toEqual({ pid: first.pid, locked: [] });
    expect(second.after.locked).toEqual(["ch_2"]);
    expect(second.sent).toBe(1);
  });

  it("are taken again after a rollback", async () => {
    await expect(
      databaseConnection().driverTransaction(async (tx) => {
        await lockObjects(tx, ["ch_3"]);
        throw new Error("a projection failed");
      }),
    ).rejects.toThrow("a projection failed");
    const after = await databaseConnection().driverTransaction(async (tx) => {
      await lockObjects(tx, ["ch_3"]);
      return lockedHere(tx, ["ch_3"]);
    });
    expect(after.locked).toEqual(["ch_3"]);
  });
});

describe("locks of a transaction holding no lock set (Prisma's)", () => {
  it("are asked for every time", async () => {
    await databaseConnection().driverTransaction(async (driverTx) => {
      const { tx, sent } = counted({ $executeRawUnsafe: driverTx.$executeRawUnsafe, $queryRawUnsafe: driverTx.$queryRawUnsafe });
      await lockObjects(tx, ["ch_4"]);
      await lockObjects(tx, ["ch_4"]);
      expect(sent()).toBe(2);
    });
  });
});
