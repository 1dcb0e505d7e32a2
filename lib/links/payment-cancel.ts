import { runStaffAction } from "@/lib/audit/staff-action";
import { db } from "@/lib/db";
import { stripe, type Stripe } from "@/lib/stripe/client";
import { isRecord } from "@/lib/webhooks/stripe-object";

/**
 * A payment link's page hands the customer the PaymentIntent's client secret, and with it Stripe.js
 * can pay without asking us again. Once the link is withdrawn or has expired, only cancelling the
 * PaymentIntent at Stripe closes that door.
 */

/** The states in which the PaymentIntent is waiting for the customer's page. */
const WAITING_FOR_CUSTOMER = new Set(["requires_payment_method", "requires_action", "requires_confirmation"]);

/**
 * Cancels the PaymentIntent if it still waits for the customer. One the customer has since paid or
 * approved (succeeded, processing, requires_capture) is left alone and returned as it is.
 */
export async function cancelPaymentWaitingForCustomer(id: string, request: { idempotencyKey: string }): Promise<Stripe.PaymentIntent> {
  const current = await stripe().paymentIntents.retrieve(id);
  if (!WAITING_FOR_CUSTOMER.has(current.status)) return current;
  try {
    return await stripe().paymentIntents.cancel(id, { cancellation_reason: "abandoned" }, request);
  } catch (error) {
    // Paid or cancelled between the read and the cancel: report what Stripe holds now.
    if (isRecord(error) && error.code === "payment_intent_unexpected_state") return stripe().paymentIntents.retrieve(id);
    throw error;
  }
}

export interface ExpirySweep {
  canceled: number;
  kept: number;
  failed: number;
}

const BATCH = 50;

/**
 * Cancels the PaymentIntents of payment links that expired unused. Expiry is noticed here, by the
 * background loop, and not when the link is next opened: a page opened before the expiry keeps the
 * client secret and is never opened again. Each link's cancel is a staff action whose id is the
 * link's, so two instances sweeping at once send Stripe one request under one key, and a link is
 * swept once. It is recorded in the name of the person who sent the link.
 */
export async function cancelExpiredPaymentLinks(now = new Date()): Promise<ExpirySweep> {
  // Every expired link stays expired: the ones already swept (an action row under the link's id)
  // are left out in the query, so each pass reads only what is left to do.
  const due = await db().$queryRawUnsafe<{ id: string; customerId: string; paymentIntentId: string; createdById: string }[]>(
    `SELECT l.id, l.customer_id AS "customerId", l.payment_intent_id AS "paymentIntentId", l.created_by_id AS "createdById"
       FROM customer_links l
      WHERE l.purpose = 'payment' AND l.used_at IS NULL AND l.revoked_at IS NULL AND l.expires_at <= $1
        AND l.payment_intent_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM staff_actions a WHERE a.id = l.id)
      ORDER BY l.expires_at LIMIT ${BATCH}`,
    now,
  );
  const senders = new Map(
    (await db().staffUser.findMany({ where: { id: { in: due.map((l) => l.createdById) } }, select: { id: true, roles: true } })).map((s) => [s.id, s]),
  );
  const sweep: ExpirySweep = { canceled: 0, kept: 0, failed: 0 };
  for (const link of due) {
    const paymentIntentId = link.paymentIntentId;
    const sender = senders.get(link.createdById)!;
    let canceled = false;
    const result = await runStaffAction<Stripe.PaymentIntent | null>({
      actor: sender,
      actionId: link.id,
      kind: "customer.link.expire",
      objectType: "customer",
      objectId: link.customerId,
      params: { customerId: link.customerId, linkId: link.id, purpose: "payment" },
      call: async (request) => {
        // Staff sent a newer link for the same payment: it is still meant to be paid.
        const newer = await db().customerLink.count({
          where: { purpose: "payment", paymentIntentId, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
        });
        return newer > 0 ? null : cancelPaymentWaitingForCustomer(paymentIntentId, request);
      },
      // Cancelling again finds the PaymentIntent cancelled and reads it.
      retry: { repeatable: true },
      describe: (intent) => {
        canceled = intent?.status === "canceled";
        return {
          message: canceled ? "Payment link expired; the payment was canceled." : "Payment link expired; the payment was kept open.",
          outcome: { linkId: link.id, ...(intent ? { paymentIntentStatus: intent.status } : { newerLink: true }) },
          objectId: paymentIntentId,
        };
      },
      objects: (intent) => (intent ? [intent] : []),
    });
    if (!result.ok) sweep.failed++;
    else if (canceled) sweep.canceled++;
    else sweep.kept++;
  }
  return sweep;
}
