import { statusRank, upsertMirror } from "../mirror";
import { child, idOf, requiredId, text } from "../stripe-object";
import type { Projector } from "./types";

const SETUP_INTENT_PROGRESS = statusRank([
  "requires_payment_method", "requires_confirmation", "requires_action", "processing", "succeeded", "canceled",
]);

/** setup_intent.*: how a customer's card got saved through a card link, or why it did not. */
export const projectSetupIntent: Projector = async (tx, { object, stamp }) => {
  const error = child(object, "last_setup_error");
  await upsertMirror(tx, "setup_intents", {
    id: requiredId(object),
    livemode: object.livemode === true,
    created: new Date((Number(object.created) || 0) * 1000),
    status: text(object, "status") ?? "requires_payment_method",
    usage: text(object, "usage"),
    customer_id: idOf(object, "customer"),
    payment_method_id: idOf(object, "payment_method"),
    last_setup_error_code: text(error, "code"),
    last_setup_error_message: text(error, "message"),
    data: { json: object },
    synced_at: stamp,
  }, { progress: SETUP_INTENT_PROGRESS });
};
