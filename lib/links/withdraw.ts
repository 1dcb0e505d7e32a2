import { z } from "zod";
import { actionIdSchema, refuseUnlessAllowed, runStaffAction, type StaffActor } from "@/lib/audit/staff-action";
import { invalidFields, refused, type ActionResult } from "@/lib/audit/result";
import { can, type Permission } from "@/lib/auth/permissions";
import type { StaffRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { stripe, type Stripe } from "@/lib/stripe/client";
import { isRecord } from "@/lib/webhooks/stripe-object";
import { LINK_LABEL, LINK_PURPOSES, linkStatus, type LinkPurpose } from "./customer-link";
import { cancelPaymentWaitingForCustomer } from "./payment-cancel";

/**
 * Staff withdraw a card or payment link that is still open, e.g. one sent to the wrong address.
 * The customer then gets the "withdrawn" page (requireCustomerLink refuses revoked links).
 */

export const withdrawLinkSchema = z.object({
  actionId: actionIdSchema,
  customerId: z.string().trim().regex(/^cus_[A-Za-z0-9]+$/, { error: "Unknown customer." }),
  linkId: z.uuid({ error: "Unknown link." }),
  /** The kind of link the button was drawn for, so a stale page cannot withdraw another one. */
  purpose: z.enum(LINK_PURPOSES, { error: "Say which kind of link to withdraw." }),
});

/** Withdrawing a link takes the permission that sending it took. */
const SENT_WITH: Record<LinkPurpose, Permission> = { setup_card: "customers.card_links.send", payment: "payments.create" };

/** For the page: whether to offer "Withdraw" on a link of this kind. */
export function canWithdrawLink(roles: readonly StaffRole[], purpose: LinkPurpose): boolean {
  return can(roles, "customers.links.withdraw") && can(roles, SENT_WITH[purpose]);
}

const WITHDRAWN: Record<LinkPurpose, string> = {
  setup_card: "Card link withdrawn. The customer can no longer open it.",
  payment: "Payment link withdrawn and the payment canceled, so the customer can no longer pay it.",
};

export async function withdrawCustomerLink(actor: StaffActor | null, input: unknown): Promise<ActionResult> {
  const denied = refuseUnlessAllowed(actor, "customers.links.withdraw");
  if (denied || !actor) return denied!;
  const parsed = withdrawLinkSchema.safeParse(input);
  if (!parsed.success) return invalidFields(z.flattenError(parsed.error).fieldErrors);
  const { actionId, customerId, linkId, purpose } = parsed.data;

  const link = await db().customerLink.findUnique({ where: { id: linkId } });
  if (!link) return refused("This link does not exist. Reload the page to see the links sent.", "unknown_link");
  if (link.customerId !== customerId) return refused("This link was sent to another customer. Reload the page and try again.", "other_customer");
  const label = LINK_LABEL[link.purpose];
  if (link.purpose !== purpose) return refused(`This is a ${label}, not a ${LINK_LABEL[purpose]}. Reload the page and try again.`, "wrong_kind");
  const notAllowed = refuseUnlessAllowed(actor, SENT_WITH[link.purpose]);
  if (notAllowed) return notAllowed;
  switch (linkStatus(link)) {
    case "used":
      return refused(`The customer has already used this ${label}, so there is nothing to withdraw.`, "link_used");
    case "withdrawn":
      return refused(`This ${label} was already withdrawn.`, "link_withdrawn");
    case "expired":
      return refused(`This ${label} has already expired; the customer cannot open it any more.`, "link_expired");
    case "open":
      break;
  }

  const setupIntentId = link.purpose === "setup_card" ? link.setupIntentId : null;
  const paymentIntentId = link.purpose === "payment" ? link.paymentIntentId : null;
  return runStaffAction<Stripe.SetupIntent | Stripe.PaymentIntent | null>({
    actor,
    actionId,
    kind: "customer.link.withdraw",
    objectType: "customer",
    objectId: customerId,
    params: { customerId, linkId, purpose },
    // A page opened before the withdrawal holds the intent's client secret: only cancelling the
    // intent at Stripe stops Stripe.js from saving a card or paying with it.
    call: (request) =>
      setupIntentId ? cancelSetupIntent(setupIntentId, request)
      : paymentIntentId ? cancelPaymentWaitingForCustomer(paymentIntentId, request)
      : Promise.resolve(null),
    // Cancelling again finds the intent already cancelled and reads it, and the link is revoked
    // at most once.
    retry: { repeatable: true },
    describe: async (intent) => {
      const { count } = await db().customerLink.updateMany({ where: { id: linkId, usedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
      const objectId = link.setupIntentId ?? link.paymentIntentId ?? undefined;
      if (count === 0) {
        // The customer finished, or someone else withdrew it, between the check above and now.
        const after = await db().customerLink.findUniqueOrThrow({ where: { id: linkId } });
        const message = after.usedAt ? `The customer used this ${label} a moment ago, so it was not withdrawn.` : `This ${label} was already withdrawn.`;
        return { message, outcome: { linkId, withdrawn: false }, objectId };
      }
      return {
        message: withdrawnMessage(link.purpose, intent?.status),
        outcome: { linkId, withdrawn: true, ...(intent ? { [intent.object === "setup_intent" ? "setupIntentStatus" : "paymentIntentStatus"]: intent.status } : {}) },
        objectId,
      };
    },
    objects: (intent) => (intent ? [intent] : []),
  });
}

function withdrawnMessage(purpose: LinkPurpose, status: string | undefined): string {
  if (purpose === "setup_card" && status === "succeeded") {
    return "Card link withdrawn. The customer had already saved a card with it; remove the card if it should not be kept.";
  }
  if (purpose === "payment" && (status === "succeeded" || status === "processing")) {
    return "Payment link withdrawn. The customer had already paid, so the payment was not canceled; refund it if it should not be kept.";
  }
  if (purpose === "payment" && status === "requires_capture") {
    return "Payment link withdrawn. The customer had already approved the payment, so it was not canceled; cancel it if it should not be captured.";
  }
  return WITHDRAWN[purpose];
}

/**
 * A customer who opened the page before the withdrawal holds the SetupIntent's client secret and
 * could still save a card with Stripe.js alone; a cancelled SetupIntent refuses that too.
 */
async function cancelSetupIntent(id: string, request: { idempotencyKey: string }): Promise<Stripe.SetupIntent> {
  try {
    return await stripe().setupIntents.cancel(id, { cancellation_reason: "abandoned" }, request);
  } catch (error) {
    // Already succeeded (the customer saved a card a moment ago) or cancelled: ask Stripe which.
    if (isRecord(error) && error.code === "setup_intent_unexpected_state") return stripe().setupIntents.retrieve(id);
    throw error;
  }
}
