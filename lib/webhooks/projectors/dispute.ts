import { sendWithoutWaiting } from "@/lib/database/sql-transaction";
import { lockObjects, statusRank, writeMirror } from "../mirror";
import { child, flag, idOf, integer, money, requiredId, text } from "../stripe-object";
import { expandedBalanceTransactions, storeBalanceTransaction } from "./balance-transaction";
import { paymentIntentOfCharge, refreshChargeTotals, refreshPaymentIntentSummary } from "./summaries";
import { onSameSecond } from "./same-second";
import type { Projector } from "./types";

const DISPUTE_PROGRESS =
  `(${statusRank(["warning_needs_response", "warning_under_review", "warning_closed", "needs_response", "under_review", "won", "lost", "prevented"])} * 1000 + ` +
  `COALESCE(({data}#>>'{evidence_details,submission_count}')::int, 0) * 100 + ` +
  `COALESCE(jsonb_array_length(CASE WHEN jsonb_typeof({data}->'balance_transactions') = 'array' THEN {data}->'balance_transactions' END), 0))`;

/** charge.dispute.created / updated / closed / funds_withdrawn / funds_reinstated. */
export const projectDispute: Projector = async (tx, input) => {
  const { object, stamp, eventType } = input;
  const id = requiredId(object);
  const chargeId = idOf(object, "charge");
  let paymentIntentId = idOf(object, "payment_intent");
  await lockObjects(tx, [id, chargeId, paymentIntentId]);
  const evidence = child(object, "evidence_details");
  await writeMirror(tx, "disputes", {
    id,
    livemode: object.livemode === true,
    created: new Date((Number(object.created) || 0) * 1000),
    status: text(object, "status") ?? "needs_response",
    reason: text(object, "reason") ?? "general",
    amount: money(object, "amount"),
    currency: text(object, "currency") ?? "usd",
    charge_id: chargeId,
    payment_intent_id: paymentIntentId,
    due_by: integer(evidence, "due_by") ? new Date(integer(evidence, "due_by")! * 1000) : null,
    past_due: flag(evidence, "past_due"),
    has_evidence: flag(evidence, "has_evidence"),
    evidence_submission_count: integer(evidence, "submission_count") ?? 0,
    is_charge_refundable: flag(object, "is_charge_refundable"),
    data: { json: object },
    synced_at: stamp,
  }, { progress: DISPUTE_PROGRESS, onTie: onSameSecond(input) });

  // Funds movements are facts that never un-happen: keep the earliest time seen, whatever the
  // order events arrive in. The dispute's own balance transactions are the primary source.
  const transactions = expandedBalanceTransactions(object.balance_transactions);
  let withdrawnAt: Date | null = eventType === "charge.dispute.funds_withdrawn" ? stamp : null;
  let reinstatedAt: Date | null = eventType === "charge.dispute.funds_reinstated" ? stamp : null;
  for (const bt of transactions) {
    await storeBalanceTransaction(tx, bt, stamp);
    const at = new Date((integer(bt, "created") ?? 0) * 1000);
    const amount = integer(bt, "amount") ?? 0;
    if (amount < 0 && (!withdrawnAt || at < withdrawnAt)) withdrawnAt = at;
    if (amount > 0 && (!reinstatedAt || at < reinstatedAt)) reinstatedAt = at;
  }
  if (withdrawnAt || reinstatedAt) {
    await sendWithoutWaiting(
      tx,
      `UPDATE disputes SET
         funds_withdrawn_at = LEAST(funds_withdrawn_at, $2::timestamptz),
         funds_reinstated_at = LEAST(funds_reinstated_at, $3::timestamptz),
         updated_at = now()
       WHERE id = $1
         -- Every later event of the dispute carries the same transactions: most change nothing.
         AND (funds_withdrawn_at, funds_reinstated_at) IS DISTINCT FROM
             (LEAST(funds_withdrawn_at, $2::timestamptz), LEAST(funds_reinstated_at, $3::timestamptz))`,
      [id, withdrawnAt, reinstatedAt],
    );
  }
  await refreshChargeTotals(tx, chargeId);
  paymentIntentId ??= await paymentIntentOfCharge(tx, chargeId);
  await refreshPaymentIntentSummary(tx, paymentIntentId);
};
