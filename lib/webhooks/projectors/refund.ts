import { lockObjects, statusRank, writeMirror } from "../mirror";
import { child, idOf, money, requiredId, text } from "../stripe-object";
import { paymentIntentOfCharge, refreshChargeTotals, refreshPaymentIntentSummary } from "./summaries";
import { onSameSecond } from "./same-second";
import type { Projector } from "./types";

const REFUND_PROGRESS =
  `(${statusRank(["pending", "requires_action", "succeeded", "failed", "canceled"])} * 2 + ` +
  `(CASE WHEN {data}#>>'{destination_details,card,reference}' IS NOT NULL THEN 1 ELSE 0 END))`;

/** refund.created / updated / failed and charge.refund.updated (whose object is the refund). */
export const projectRefund: Projector = async (tx, input) => {
  const { object, stamp } = input;
  const id = requiredId(object);
  const chargeId = idOf(object, "charge");
  let paymentIntentId = idOf(object, "payment_intent");
  await lockObjects(tx, [id, chargeId, paymentIntentId]);
  await writeMirror(tx, "refunds", {
    id,
    livemode: object.livemode === true,
    created: new Date((Number(object.created) || 0) * 1000),
    status: text(object, "status") ?? "pending",
    amount: money(object, "amount"),
    currency: text(object, "currency") ?? "usd",
    reason: text(object, "reason"),
    failure_reason: text(object, "failure_reason"),
    pending_reason: text(object, "pending_reason"),
    // The acquirer reference number appears days after the refund; the customer's bank traces it.
    arn: text(child(object, "destination_details", "card"), "reference"),
    charge_id: chargeId,
    payment_intent_id: paymentIntentId,
    balance_transaction_id: idOf(object, "balance_transaction"),
    failure_balance_transaction_id: idOf(object, "failure_balance_transaction"),
    data: { json: object },
    synced_at: stamp,
  }, { progress: REFUND_PROGRESS, onTie: onSameSecond(input) });
  await refreshChargeTotals(tx, chargeId);
  paymentIntentId ??= await paymentIntentOfCharge(tx, chargeId);
  await refreshPaymentIntentSummary(tx, paymentIntentId);
};
