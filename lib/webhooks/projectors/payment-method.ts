import { upsertMirror } from "../mirror";
import { child, idOf, integer, requiredId, text } from "../stripe-object";
import type { Projector } from "./types";

/** payment_method.attached / detached / updated. A detached card keeps its row, without customer. */
export const projectPaymentMethod: Projector = async (tx, { object, stamp }) => {
  const card = child(object, "card");
  await upsertMirror(tx, "payment_methods", {
    id: requiredId(object),
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
    // Stripe never re-attaches a detached PaymentMethod, so within one second a snapshot without a
    // customer is the later one (attached and detached are often stamped with the same second).
  }, { progress: `(CASE WHEN {data}->>'customer' IS NULL THEN 1 ELSE 0 END)` });
};
