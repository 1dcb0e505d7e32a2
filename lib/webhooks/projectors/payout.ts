import { sendWithoutWaiting } from "@/lib/database/sql-transaction";
import { lockObjects, statusRank, writeMirror } from "../mirror";
import { flag, idOf, integer, money, requiredId, text } from "../stripe-object";
import { storeBalanceTransaction } from "./balance-transaction";
import { onSameSecond } from "./same-second";
import type { Projector } from "./types";

/** Events after which Stripe may be able to list the balance transactions a payout paid out. */
export const PAYOUT_RECONCILED_EVENTS: ReadonlySet<string> = new Set(["payout.paid", "payout.reconciliation_completed"]);

/**
 * Stripe itemises only payouts its schedule made (`automatic`), and only once their
 * `reconciliation_status` is `completed`; for a manual payout it refuses the question ("can only be
 * filtered on automatic transfers"), and before completion the list may be partial.
 */
export function payoutIsItemisable(payout: Readonly<Record<string, unknown>>): boolean {
  return payout.automatic === true && payout.reconciliation_status === "completed";
}

const PAYOUT_PROGRESS =
  `(${statusRank(["pending", "in_transit", "paid", "failed", "canceled"])} * 2 + ` +
  `(CASE WHEN {data}->>'reconciliation_status' = 'completed' THEN 1 ELSE 0 END))`;

/** payout.created / updated / paid / failed / canceled / reconciliation_completed. */
export const projectPayout: Projector = async (tx, input) => {
  const { object, stamp, payoutBalanceTransactions } = input;
  const id = requiredId(object);
  // Makes the same-second check of the write reliable across instances.
  await lockObjects(tx, [id]);
  await writeMirror(tx, "payouts", {
    id,
    livemode: object.livemode === true,
    created: new Date((Number(object.created) || 0) * 1000),
    status: text(object, "status") ?? "pending",
    amount: money(object, "amount"),
    currency: text(object, "currency") ?? "usd",
    arrival_date: new Date((integer(object, "arrival_date") ?? integer(object, "created") ?? 0) * 1000),
    method: text(object, "method"),
    type: text(object, "type"),
    automatic: flag(object, "automatic"),
    description: text(object, "description"),
    statement_descriptor: text(object, "statement_descriptor"),
    destination_id: idOf(object, "destination"),
    balance_transaction_id: idOf(object, "balance_transaction"),
    failure_balance_transaction_id: idOf(object, "failure_balance_transaction"),
    failure_code: text(object, "failure_code"),
    failure_message: text(object, "failure_message"),
    reconciliation_status: text(object, "reconciliation_status"),
    data: { json: object },
    synced_at: stamp,
  }, { progress: PAYOUT_PROGRESS, onTie: onSameSecond(input) });
  if (payoutBalanceTransactions) {
    for (const bt of payoutBalanceTransactions) await storeBalanceTransaction(tx, bt, stamp, id);
    await sendWithoutWaiting(
      tx,
      `UPDATE payouts SET balance_transactions_linked_at = now(), updated_at = now() WHERE id = $1 AND balance_transactions_linked_at IS NULL`,
      [id],
    );
  }
};
