import { db } from "@/lib/db";
import type { Stripe } from "@/lib/stripe/client";
import { responseStamp } from "@/lib/stripe/response-stamp";
import type { Tx } from "./mirror";
import { storeBalanceTransaction } from "./projectors/balance-transaction";
import { projectorFor } from "./projectors";
import { isRecord, type StripeObject } from "./stripe-object";

/**
 * Fees and net come from balance transactions, which Stripe sends no event of their own for and
 * names only by id on a charge or refund. With asynchronous capture (the default since API
 * 2024-04-10) a charge has none at first; `charge.updated` names it seconds later. So each event
 * whose charge or refund names a transaction we do not hold fetches it (outside the database
 * transaction), and a sweep run by catch-up and backfill fills whatever a failed fetch or a lost
 * event left missing. Until then the payment page says the fees are pending.
 */

/** The balance transactions a charge or refund names: expanded ones as objects, the rest as ids. */
export function namedBalanceTransactions(object: StripeObject): { expanded: StripeObject[]; ids: string[] } {
  const fields = object.object === "charge" ? ["balance_transaction"] : object.object === "refund" ? ["balance_transaction", "failure_balance_transaction"] : [];
  const expanded: StripeObject[] = [];
  const ids: string[] = [];
  for (const field of fields) {
    const value = object[field];
    if (typeof value === "string" && value !== "") ids.push(value);
    else if (isRecord(value) && typeof value.id === "string") expanded.push(value);
  }
  return { expanded, ids };
}

/** The balance transactions `object` names by id that the mirror does not hold yet. */
export async function missingBalanceTransactions(object: StripeObject): Promise<string[]> {
  const { ids } = namedBalanceTransactions(object);
  if (ids.length === 0) return [];
  const held = await db().balanceTransaction.findMany({ where: { id: { in: ids } }, select: { id: true } });
  return ids.filter((id) => !held.some((h) => h.id === id));
}

/**
 * What a projection of `object` should store besides it: its expanded balance transactions and
 * those it names that we do not hold yet, fetched from Stripe. A fetch that fails leaves the fee
 * pending for the sweep rather than failing the event, so the payment's status still lands.
 */
export async function balanceTransactionsFor(object: StripeObject, fetch: ((id: string) => Promise<StripeObject>) | undefined): Promise<StripeObject[]> {
  const { expanded } = namedBalanceTransactions(object);
  if (!fetch) return expanded;
  const missing = await missingBalanceTransactions(object);
  const fetched = await Promise.all(
    missing.map((id) =>
      fetch(id).catch((error: unknown) => {
        console.error(`could not fetch balance transaction ${id}; the sweep will`, error);
        return null;
      }),
    ),
  );
  return [...expanded, ...fetched.filter((bt): bt is StripeObject => bt !== null)];
}

/**
 * Stores balance transactions after the object that names them, so their fee reaches its charge.
 * Each is stamped with its own creation time: what it says is fixed then, and whichever event first
 * fetched it (webhooks arrive in any order) must not change what the mirror holds.
 */
export async function storeBalanceTransactions(tx: Tx, transactions: readonly StripeObject[]): Promise<void> {
  for (const bt of transactions) await storeBalanceTransaction(tx, bt, createdAt(bt));
}

function createdAt(bt: StripeObject): Date {
  return new Date((typeof bt.created === "number" ? bt.created : 0) * 1000);
}

export type FeeSweepProgress = {
  charges: number;
  transactions: number;
  failed: number;
};

/**
 * Fills fees for rows that never got them: captured charges without a balance transaction (their
 * charge.updated never reached us) are read again from Stripe with it expanded; transactions named
 * by a charge or refund but not held are fetched. Bounded per run; run again to continue.
 */
export async function fillMissingFees(client: Stripe, limit = 500): Promise<FeeSweepProgress> {
  const progress: FeeSweepProgress = { charges: 0, transactions: 0, failed: 0 };
  const charges = await db().$queryRawUnsafe<{ id: string }[]>(
    `SELECT id FROM charges WHERE status = 'succeeded' AND captured AND balance_transaction_id IS NULL ORDER BY created DESC LIMIT $1`,
    limit,
  );
  for (const { id } of charges) {
    try {
      const charge = (await client.charges.retrieve(id, { expand: ["balance_transaction"] })) as unknown as StripeObject;
      if (charge.balance_transaction === null) continue; // still being captured: a later run
      await db().$transaction(async (tx) => {
        await projectorFor(charge)!(tx, { object: charge, stamp: responseStamp(charge), eventType: null });
        await storeBalanceTransactions(tx, namedBalanceTransactions(charge).expanded);
      });
      progress.charges++;
    } catch (error) {
      console.error(`could not read charge ${id} for its fees`, error);
      progress.failed++;
    }
  }
  const named = await db().$queryRawUnsafe<{ id: string }[]>(
    `SELECT n.id FROM (
       SELECT balance_transaction_id AS id FROM charges WHERE balance_transaction_id IS NOT NULL
       UNION SELECT balance_transaction_id FROM refunds WHERE balance_transaction_id IS NOT NULL
       UNION SELECT failure_balance_transaction_id FROM refunds WHERE failure_balance_transaction_id IS NOT NULL
     ) n WHERE NOT EXISTS (SELECT 1 FROM balance_transactions b WHERE b.id = n.id) LIMIT $1`,
    limit,
  );
  for (const { id } of named) {
    try {
      const bt = (await client.balanceTransactions.retrieve(id)) as unknown as StripeObject;
      await db().$transaction((tx) => storeBalanceTransactions(tx, [bt]));
      progress.transactions++;
    } catch (error) {
      console.error(`could not fetch balance transaction ${id}`, error);
      progress.failed++;
    }
  }
  return progress;
}
