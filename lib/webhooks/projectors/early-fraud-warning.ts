import { lockObjects, writeMirror } from "../mirror";
import { flag, idOf, requiredId, text } from "../stripe-object";
import { paymentIntentOfCharge, refreshPaymentIntentSummary } from "./summaries";
import type { Projector } from "./types";

/** radar.early_fraud_warning.created / updated: an actionable one is a prompt to refund first. */
export const projectEarlyFraudWarning: Projector = async (tx, { object, stamp }) => {
  const id = requiredId(object);
  const chargeId = idOf(object, "charge");
  let paymentIntentId = idOf(object, "payment_intent");
  await lockObjects(tx, [id, chargeId, paymentIntentId]);
  await writeMirror(tx, "early_fraud_warnings", {
    id,
    livemode: object.livemode === true,
    created: new Date((Number(object.created) || 0) * 1000),
    actionable: flag(object, "actionable"),
    fraud_type: text(object, "fraud_type") ?? "misc",
    charge_id: chargeId,
    payment_intent_id: paymentIntentId,
    data: { json: object },
    synced_at: stamp,
  }, { progress: `(CASE WHEN ({data}->>'actionable')::boolean THEN 0 ELSE 1 END)` });
  paymentIntentId ??= await paymentIntentOfCharge(tx, chargeId);
  await refreshPaymentIntentSummary(tx, paymentIntentId);
};
