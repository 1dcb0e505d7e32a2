import { lockObjects, statusRank, writeMirror } from "../mirror";
import { child, flag, idOf, integer, money, requiredId, text } from "../stripe-object";
import { refreshChargeTotals, refreshPaymentIntentSummary } from "./summaries";
import { refundedInSnapshot } from "./released";
import { onSameSecond } from "./same-second";
import type { Projector } from "./types";

// Between snapshots of one second from a list API: more refunded, then disputed, then settled is further along.
const CHARGE_PROGRESS =
  `(COALESCE(({data}->>'amount_refunded')::bigint, 0) * 8 + ` +
  `(CASE WHEN ({data}->>'disputed')::boolean THEN 4 ELSE 0 END) + ${statusRank(["pending", "succeeded", "failed"])})`;

/** charge.succeeded / failed / refunded / captured / updated … */
export const projectCharge: Projector = async (tx, input) => {
  const { object, stamp } = input;
  const id = requiredId(object);
  const paymentIntentId = idOf(object, "payment_intent");
  await lockObjects(tx, [id, paymentIntentId]);
  const card = child(object, "payment_method_details", "card");
  // Its balance transaction, when given (expanded, or fetched before the transaction opened): the
  // fee and net are written with the charge, not copied onto it in a second row version after.
  const balanceTransactionId = idOf(object, "balance_transaction");
  const balanceTransaction = input.balanceTransactions?.find((bt) => balanceTransactionId !== null && bt.id === balanceTransactionId);
  const outcome = child(object, "outcome");
  await writeMirror(tx, "charges", {
    id,
    livemode: object.livemode === true,
    created: new Date((Number(object.created) || 0) * 1000),
    status: text(object, "status") ?? "pending",
    amount: money(object, "amount"),
    amount_captured: money(object, "amount_captured"),
    // Real refunds only: snapshots rendered before API 2025-03-31.basil also count a released authorisation.
    amount_refunded: refundedInSnapshot(object, input.apiVersion),
    currency: text(object, "currency") ?? "usd",
    paid: flag(object, "paid"),
    captured: flag(object, "captured"),
    refunded: flag(object, "refunded"),
    disputed: flag(object, "disputed"),
    customer_id: idOf(object, "customer"),
    billing_email: text(child(object, "billing_details"), "email"),
    payment_intent_id: paymentIntentId,
    payment_method_id: idOf(object, "payment_method"),
    balance_transaction_id: balanceTransactionId,
    fee: balanceTransaction ? money(balanceTransaction, "fee") : null,
    net: balanceTransaction ? money(balanceTransaction, "net") : null,
    card_brand: text(card, "brand"),
    card_last4: text(card, "last4"),
    card_fingerprint: text(card, "fingerprint"),
    outcome_type: text(outcome, "type"),
    outcome_risk_level: text(outcome, "risk_level"),
    outcome_risk_score: integer(outcome, "risk_score"),
    outcome_network_status: text(outcome, "network_status"),
    outcome_seller_message: text(outcome, "seller_message"),
    failure_code: text(object, "failure_code"),
    failure_message: text(object, "failure_message"),
    data: { json: object },
    synced_at: stamp,
  }, {
    progress: CHARGE_PROGRESS,
    onTie: onSameSecond(input),
    // Attached once, seconds after an asynchronous capture, and never taken away; a snapshot that
    // names its balance transaction by id alone leaves the fee and net as stored.
    keepWhenNull: ["balance_transaction_id", "fee", "net"],
  });
  await refreshChargeTotals(tx, id);
  await refreshPaymentIntentSummary(tx, paymentIntentId);
};
