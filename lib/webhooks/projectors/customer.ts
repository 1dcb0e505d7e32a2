import { sendWithoutWaiting } from "@/lib/database/sql-transaction";
import { lockObjects, upsertMirror, writeMirror, type Tx, type UpsertOptions } from "../mirror";
import { idOf, requiredId, text } from "../stripe-object";
import { onSameSecond } from "./same-second";
import type { Projector } from "./types";

// Payments show the customer's email without a join.
const COPY_EMAIL_TO_PAYMENTS =
  `UPDATE payment_intents p SET customer_email = w.email, updated_at = now() FROM written w ` +
  `WHERE p.customer_id = w.id AND p.customer_email IS DISTINCT FROM w.email`;

/** customer.created / updated / deleted. The row outlives deletion so past payments keep a name. */
export const projectCustomer: Projector = async (tx, input) => {
  const { object, stamp, eventType } = input;
  const id = requiredId(object);
  // The lock keeps two instances from both deciding at once, and makes the same-second check of
  // the write below reliable.
  await lockObjects(tx, [id]);
  if (input.refetched && object.deleted === true) {
    // Stripe answers for a deleted customer with a stub ({ id, object, deleted }): the last
    // snapshot we hold stays, marked deleted.
    await markDeleted(tx, id);
    await withdrawOpenLinks(tx, id);
    return;
  }
  // Nothing follows a deletion, so it wins a tie without asking Stripe.
  const deletion = eventType === "customer.deleted" || object.deleted === true;
  const email = text(object, "email");
  const row = {
    id,
    livemode: object.livemode === true,
    created: new Date((Number(object.created) || 0) * 1000),
    email: email ? email.toLowerCase() : null,
    name: text(object, "name"),
    phone: text(object, "phone"),
    description: text(object, "description"),
    default_payment_method_id: idOf(object.invoice_settings, "default_payment_method"),
    deleted: deletion,
    data: { json: object },
    synced_at: stamp,
  };
  const options: UpsertOptions = {
    // Creation is a customer's first state, but Stripe stamps events in whole seconds: a
    // customer.updated of the same second may already be here, and is then kept.
    insertOnly: eventType === "customer.created",
    onTie: deletion ? "apply" : onSameSecond(input),
    whenApplied: COPY_EMAIL_TO_PAYMENTS,
  };
  // Only a deletion reads whether its snapshot was written; any other write is not waited for.
  if (!deletion) return writeMirror(tx, "customers", row, options);
  // A deletion is a fact that holds whatever the stamps, like a payout's link.
  if (!(await upsertMirror(tx, "customers", row, options))) await markDeleted(tx, id);
  await withdrawOpenLinks(tx, id);
};

async function markDeleted(tx: Tx, id: string): Promise<void> {
  await sendWithoutWaiting(tx, `UPDATE customers SET deleted = true, updated_at = now() WHERE id = $1 AND NOT deleted`, [id]);
}

/** A deleted customer's card and payment links would show their email to whoever holds one. */
async function withdrawOpenLinks(tx: Tx, customerId: string): Promise<void> {
  await sendWithoutWaiting(
    tx,
    `UPDATE customer_links SET revoked_at = now() WHERE customer_id = $1 AND used_at IS NULL AND revoked_at IS NULL`,
    [customerId],
  );
}
