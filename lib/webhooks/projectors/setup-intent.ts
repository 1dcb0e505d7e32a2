import { lockObjects, statusRank, writeMirror } from "../mirror";
import { child, idOf, requiredId, text } from "../stripe-object";
import { onSameSecond } from "./same-second";
import type { Projector } from "./types";

const SETUP_INTENT_PROGRESS = statusRank([
  "requires_payment_method", "requires_confirmation", "requires_action", "processing", "succeeded", "canceled",
]);

/** setup_intent.*: how a customer's card got saved through a card link, or why it did not. */
export const projectSetupIntent: Projector = async (tx, input) => {
  const { object, stamp } = input;
  const id = requiredId(object);
  // Makes the same-second check of the write reliable across instances.
  await lockObjects(tx, [id]);
  const error = child(object, "last_setup_error");
  await writeMirror(tx, "setup_intents", {
    id,
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
  }, { progress: SETUP_INTENT_PROGRESS, onTie: onSameSecond(input) });
};
