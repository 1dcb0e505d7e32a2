import { upsertMirror, type Tx } from "../mirror";
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
  await upsertMirror(
    tx,
    "balance_transactions",
    {
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
    },
    { keepWhenNull: ["payout_id"] },
  );
  // Which payout paid a transaction out is a fact, not a snapshot: it holds whatever the stamps.
  if (payoutId) {
    await tx.$executeRawUnsafe(
      `UPDATE balance_transactions SET payout_id = $2, updated_at = now() WHERE id = $1 AND payout_id IS DISTINCT FROM $2`,
      id,
      payoutId,
    );
  }
  // A charge shows its fee and net once its balance transaction is known.
  await tx.$executeRawUnsafe(
    `UPDATE charges SET fee = $2::bigint, net = $3::bigint, updated_at = now()
      WHERE balance_transaction_id = $1 AND (fee IS DISTINCT FROM $2::bigint OR net IS DISTINCT FROM $3::bigint)`,
    id,
    money(object, "fee").toString(),
    money(object, "net").toString(),
  );
}

/** Only expanded balance transactions carry data worth storing; bare ids are skipped. */
export function expandedBalanceTransactions(list: unknown): StripeObject[] {
  return Array.isArray(list) ? list.filter((bt): bt is StripeObject => isRecord(bt) && typeof bt.id === "string") : [];
}
