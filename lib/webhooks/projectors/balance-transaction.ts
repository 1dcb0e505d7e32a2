import { sendWithoutWaiting } from "@/lib/database/sql-transaction";
import { upsertMirror, writeMirror, type Tx, type UpsertOptions } from "../mirror";
import { idOf, integer, isRecord, money, requiredId, text, type StripeObject } from "../stripe-object";

/**
 * Balance transactions arrive inside disputes, through a paid payout's list and through backfill;
 * Stripe sends no event of their own. `payoutId` is only known from the payout's list, so a later
 * snapshot without it must not clear it.
 */
export async function storeBalanceTransaction(
  tx: Tx,
  object: StripeObject,
  stamp: Date,
  payoutId: string | null = null,
): Promise<void> {
  const id = requiredId(object);
  const row = {
    id,
    livemode: object.livemode === true,
    created: new Date((Number(object.created) || 0) * 1000),
    type: text(object, "type") ?? "adjustment",
    status: text(object, "status") ?? "pending",
    amount: money(object, "amount"),
    fee: money(object, "fee"),
    net: money(object, "net"),
    currency: text(object, "currency") ?? "usd",
    available_on: new Date((integer(object, "available_on") ?? integer(object, "created") ?? 0) * 1000),
    reporting_category: text(object, "reporting_category"),
    description: text(object, "description"),
    source_id: idOf(object, "source"),
    payout_id: payoutId,
    data: { json: object },
    synced_at: stamp,
  };
  // A charge shows its fee and net once its balance transaction is known (a charge stored later
  // copies them in refreshChargeTotals). Both are fixed when the transaction is created.
  const options: UpsertOptions = { keepWhenNull: ["payout_id"], whenApplied: COPY_FEE_TO_CHARGE };
  const isRefund = text(object, "type") === "refund";
  // Only a refund's transaction and a payout's link read whether the snapshot was written; a
  // charge's transaction (most of them) is not waited for.
  if (!isRefund && !payoutId) return writeMirror(tx, "balance_transactions", row, options);
  const applied = await upsertMirror(tx, "balance_transactions", row, options);
  // A refund found to be an authorisation's release before its transaction arrived (released.ts).
  if (applied && isRefund) {
    await sendWithoutWaiting(
      tx,
      `UPDATE balance_transactions b SET releases_authorisation = true, updated_at = now()
         FROM refunds r WHERE b.id = $1 AND r.id = b.source_id AND r.releases_authorisation AND NOT b.releases_authorisation`,
      [id],
    );
  }
  // Which payout paid a transaction out is a fact, not a snapshot: it holds whatever the stamps
  // (a snapshot that was written carries it already).
  if (payoutId && !applied) {
    await sendWithoutWaiting(
      tx,
      `UPDATE balance_transactions SET payout_id = $2, updated_at = now() WHERE id = $1 AND payout_id IS DISTINCT FROM $2`,
      [id, payoutId],
    );
  }
}

const COPY_FEE_TO_CHARGE =
  `UPDATE charges c SET fee = w.fee, net = w.net, updated_at = now() FROM written w ` +
  `WHERE c.balance_transaction_id = w.id AND (c.fee IS DISTINCT FROM w.fee OR c.net IS DISTINCT FROM w.net)`;

/** Only expanded balance transactions carry data worth storing; bare ids are skipped. */
export function expandedBalanceTransactions(list: unknown): StripeObject[] {
  return Array.isArray(list) ? list.filter((bt): bt is StripeObject => isRecord(bt) && typeof bt.id === "string") : [];
}
