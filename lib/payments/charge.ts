import { z } from "zod";
import { actionMetadata, createdSince, madeByAction, type Found } from "@/lib/audit/earlier-attempt";
import { actionIdSchema, refuseUnlessAllowed, runStaffAction, type StaffActor } from "@/lib/audit/staff-action";
import { invalidFields, refused, type ActionResult } from "@/lib/audit/result";
import { db } from "@/lib/db";
import { paymentIntentStatusInSentence } from "@/lib/format";
import { issueCustomerLinkOnce } from "@/lib/links/issue-once";
import { askToConfirmLargeAmount } from "@/lib/amounts/confirmation-thresholds";
import { readStaffAmount } from "@/lib/amounts/staff-amount";
import { formatMoney } from "@/lib/money";
import { stripe, type Stripe } from "@/lib/stripe/client";
import { cardLabel } from "./card-label";

/** Charging a saved card off-session, and the payment link that recovers a 3-D Secure request. */

export const CHARGE_CURRENCIES = ["usd", "eur", "gbp", "jpy", "cad", "aud", "chf", "kwd"] as const;

export const chargeSchema = z.object({
  actionId: actionIdSchema,
  customerId: z.string().trim().regex(/^cus_[A-Za-z0-9]+$/, { error: "Unknown customer." }),
  paymentMethodId: z.string().trim().regex(/^pm_[A-Za-z0-9_]+$/, { error: "Choose a saved card." }),
  amount: z.string({ error: "Enter an amount." }),
  currency: z.enum(CHARGE_CURRENCIES, { error: "Choose a currency." }),
  description: z.string().trim().min(1, { error: "Say what the charge is for." }).max(500, { error: "Keep the description under 500 characters." }),
  /** The number format the form's preview read the amount in. */
  numberFormat: z.string().max(35).optional(),
  /** The amount, in minor units, that staff confirmed after being asked. */
  confirmedAmount: z.string().max(20).optional(),
});

const CHARGE_EXPAND = ["latest_charge.balance_transaction"] as const;

/**
 * The PaymentIntent an earlier attempt of this action made. PaymentIntents cannot be listed by
 * metadata, so the customer's list since the action began bounds the scan and the metadata picks
 * it out; a list, unlike search, shows a new object at once.
 */
async function findCharge(customerId: string, actionId: string, startedAt: Date): Promise<Found<Stripe.PaymentIntent> | null> {
  const list = stripe().paymentIntents.list({ customer: customerId, created: createdSince(startedAt), limit: 100, expand: CHARGE_EXPAND.map((path) => `data.${path}`) });
  const intent = await madeByAction(list, actionId);
  if (!intent) return null;
  // A declined off-session attempt leaves its PaymentIntent behind; the lost answer was then the
  // card error, and staff should read the decline, not "requires payment method".
  const failure = intent.status === "requires_payment_method" ? intent.last_payment_error : null;
  if (failure) {
    const type = failure.type === "card_error" ? "StripeCardError" : "StripeInvalidRequestError";
    return { error: { type, code: failure.code, decline_code: failure.decline_code, raw: { payment_intent: intent } } };
  }
  return { result: intent };
}

export async function chargeSavedCard(actor: StaffActor | null, input: unknown): Promise<ActionResult> {
  const denied = refuseUnlessAllowed(actor, "payments.create");
  if (denied || !actor) return denied!;
  const parsed = chargeSchema.safeParse(input);
  if (!parsed.success) return invalidFields(z.flattenError(parsed.error).fieldErrors);
  const { actionId, customerId, paymentMethodId, currency, description } = parsed.data;
  const amount = await readStaffAmount(actor.id, parsed.data.amount, currency, parsed.data.numberFormat);
  if (!amount.ok) return invalidFields({ amount: [amount.message] });
  const card = await db().paymentMethod.findUnique({ where: { id: paymentMethodId }, select: { customerId: true, cardBrand: true, cardLast4: true } });
  if (!card || card.customerId !== customerId) return invalidFields({ paymentMethodId: ["That card is not saved on this customer."] });

  const shown = formatMoney(amount.amount, currency, amount.locale);
  const unconfirmed = await askToConfirmLargeAmount({
    amount: amount.amount, currency, locale: amount.locale, confirmed: parsed.data.confirmedAmount,
    question: `Charge ${shown} to ${cardLabel(card.cardBrand, card.cardLast4)}`,
  });
  if (unconfirmed) return unconfirmed;
  return runStaffAction({
    actor,
    actionId,
    kind: "payment.charge",
    objectType: "customer",
    objectId: customerId,
    params: { customerId, paymentMethodId, amount: amount.amount.toString(), currency, description },
    call: (request) =>
      stripe().paymentIntents.create(
        {
          amount: Number(amount.amount),
          currency,
          customer: customerId,
          payment_method: paymentMethodId,
          description,
          confirm: true,
          off_session: true,
          metadata: actionMetadata(actionId),
          // The charge and its balance transaction carry card, risk outcome, fee and net for the
          // payment page straight away.
          expand: [...CHARGE_EXPAND],
        },
        request,
      ),
    // A second PaymentIntent would charge the card twice, so a resend first looks for the one
    // the earlier attempt made.
    retry: { lookUp: (startedAt) => findCharge(customerId, actionId, startedAt) },
    describe: (intent) => ({
      message:
        intent.status === "succeeded"
          ? `Charged ${shown}.`
          : intent.status === "processing"
            ? `The charge of ${shown} is processing.`
            : `The charge of ${shown} is ${paymentIntentStatusInSentence(intent.status)}.`,
      outcome: { paymentIntentId: intent.id, status: intent.status },
      objectId: intent.id,
      status: intent.status,
    }),
    objects: (intent) => {
      const charge = typeof intent.latest_charge === "object" ? intent.latest_charge : null;
      return [charge?.balance_transaction, charge, intent];
    },
  });
}

export const paymentLinkSchema = z.object({
  actionId: actionIdSchema,
  paymentIntentId: z.string().trim().regex(/^pi_[A-Za-z0-9]+$/, { error: "Unknown payment." }),
});

/** Statuses in which the customer can still complete the payment themselves. */
const NEEDS_CUSTOMER = new Set(["requires_payment_method", "requires_action", "requires_confirmation"]);

/**
 * When the bank asked for authentication, the customer approves the same PaymentIntent on
 * `/pay/<token>`. The action re-reads the intent from Stripe so a stale page cannot send a link for a
 * payment that has completed meanwhile.
 */
export async function sendPaymentLink(actor: StaffActor | null, input: unknown): Promise<ActionResult> {
  const denied = refuseUnlessAllowed(actor, "payments.create");
  if (denied || !actor) return denied!;
  const parsed = paymentLinkSchema.safeParse(input);
  if (!parsed.success) return invalidFields(z.flattenError(parsed.error).fieldErrors);
  const { actionId, paymentIntentId } = parsed.data;
  const payment = await db().paymentIntent.findUnique({ where: { id: paymentIntentId } });
  if (!payment) return refused("This payment is not known here yet. Reload the page in a moment.", "unknown_payment");
  if (!payment.customerId) return refused("This payment has no customer to send a link to.", "no_customer");
  if (!NEEDS_CUSTOMER.has(payment.status)) return refused("This payment does not need the customer any more.", "not_needed");
  const customerId = payment.customerId;

  return runStaffAction({
    actor,
    actionId,
    kind: "payment.link.send",
    objectType: "payment_intent",
    objectId: paymentIntentId,
    params: { paymentIntentId },
    call: () => stripe().paymentIntents.retrieve(paymentIntentId),
    // Only a read at Stripe; the link is issued once per payment by issueCustomerLinkOnce.
    retry: { repeatable: true },
    describe: async (intent) => {
      if (!NEEDS_CUSTOMER.has(intent.status)) {
        return { message: "This payment no longer needs the customer; no link was created.", outcome: { status: intent.status }, objectId: intent.id, status: intent.status };
      }
      // A double click answered by two instances, or two members of staff at once: one link stays open.
      const once = await issueCustomerLinkOnce({ purpose: "payment", customerId, paymentIntentId, createdById: actor.id });
      if (!once.created) {
        return {
          message: "A payment link for this payment is already open, so no second one was created. To send a new one, withdraw the open link on the customer's page first.",
          outcome: { linkId: once.link.id, expiresAt: once.link.expiresAt.toISOString(), alreadyOpen: true },
          objectId: intent.id,
          status: intent.status,
        };
      }
      return {
        message: `Payment link created for ${payment.customerEmail ?? "the customer"}. It works once and expires in 7 days.`,
        outcome: { linkId: once.link.id, expiresAt: once.link.expiresAt.toISOString() },
        objectId: intent.id,
        status: intent.status,
        link: once.link.path,
      };
    },
    objects: (intent) => [intent],
  });
}
