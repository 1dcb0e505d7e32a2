import { lockObjects, writeMirror } from "../mirror";
import { child, idOf, integer, requiredId, text } from "../stripe-object";
import { onSameSecond } from "./same-second";
import type { Projector } from "./types";

/** payment_method.attached / detached / updated. A detached card keeps its row, without customer. */
export const projectPaymentMethod: Projector = async (tx, input) => {
  const { object, stamp } = input;
  const id = requiredId(object);
  // Makes the same-second check of the write reliable across instances.
  await lockObjects(tx, [id]);
  const card = child(object, "card");
  await writeMirror(tx, "payment_methods", {
    id,
    livemode: object.livemode === true,
    created: new Date((Number(object.created) || 0) * 1000),
    type: text(object, "type") ?? "card",
    customer_id: idOf(object, "customer"),
    card_brand: text(card, "brand"),
    card_last4: text(card, "last4"),
    card_exp_month: integer(card, "exp_month"),
    card_exp_year: integer(card, "exp_year"),
    card_fingerprint: text(card, "fingerprint"),
    data: { json: object },
    synced_at: stamp,
    // Stripe never re-attaches a detached PaymentMethod, so between listed snapshots of one second
    // the one without a customer is the later one.
  }, { progress: `(CASE WHEN {data}->>'customer' IS NULL THEN 1 ELSE 0 END)`, onTie: onSameSecond(input) });
};
