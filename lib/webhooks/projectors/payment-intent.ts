import { lockObjects, statusRank, writeMirror } from "../mirror";
import { child, idOf, money, requiredId, text } from "../stripe-object";
import { refreshPaymentIntentSummary } from "./summaries";
import { onSameSecond } from "./same-second";
import type { Projector } from "./types";

const PAYMENT_INTENT_PROGRESS = statusRank([
  "requires_payment_method", "requires_confirmation", "requires_action", "processing", "requires_capture", "succeeded", "canceled",
]);

/** payment_intent.*: the row the Payments list is built from. */
export const projectPaymentIntent: Projector = async (tx, input) => {
  const { object, stamp } = input;
  const id = requiredId(object);
  const latestCharge = idOf(object, "latest_charge");
  // The customer too: its projection copies the email onto this row, and on PostgreSQL two
  // instances projecting both at once would each miss the other's uncommitted row.
  await lockObjects(tx, [id, latestCharge, idOf(object, "customer")]);
  const error = child(object, "last_payment_error");
  await writeMirror(
    tx,
    "payment_intents",
    {
      id,
      livemode: object.livemode === true,
      created: new Date((Number(object.created) || 0) * 1000),
      status: text(object, "status") ?? "requires_payment_method",
      amount: money(object, "amount"),
      amount_received: money(object, "amount_received"),
      currency: text(object, "currency") ?? "usd",
      description: text(object, "description"),
      capture_method: text(object, "capture_method"),
      cancellation_reason: text(object, "cancellation_reason"),
      customer_id: idOf(object, "customer"),
      payment_method_id: idOf(object, "payment_method"),
      latest_charge_id: latestCharge,
      last_payment_error_code: text(error, "code"),
      last_payment_error_decline_code: text(error, "decline_code"),
      last_payment_error_message: text(error, "message"),
      data: { json: object },
      synced_at: stamp,
    },
    {
      keepWhenNull: ["latest_charge_id"],
      progress: PAYMENT_INTENT_PROGRESS,
      onTie: onSameSecond(input),
      // A new payment of a customer we hold is written with the email the summary would copy.
      insertedWith: { customer_email: "(SELECT email FROM customers WHERE id = {customer_id})" },
    },
  );
  await refreshPaymentIntentSummary(tx, id);
};
