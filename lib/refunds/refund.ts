import { z } from "zod";
import { actionMetadata, madeByAction } from "@/lib/audit/earlier-attempt";
import { actionIdSchema, refuseUnlessAllowed, runStaffAction, type StaffActor } from "@/lib/audit/staff-action";
import { invalidFields, refused, type ActionResult } from "@/lib/audit/result";
import { can, rolesWithLabel } from "@/lib/auth/permissions";
import { rolesLabel } from "@/lib/auth/roles";
import { askToConfirmLargeAmount } from "@/lib/amounts/confirmation-thresholds";
import { readStaffAmount } from "@/lib/amounts/staff-amount";
import { formatMoney } from "@/lib/money";
import { stripe } from "@/lib/stripe/client";
import { refundBalanceShortfall } from "./balance";
import { refundSituation } from "./refundable";

export const REFUND_REASONS = ["requested_by_customer", "duplicate", "fraudulent"] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

export const refundSchema = z.object({
  actionId: actionIdSchema,
  paymentIntentId: z.string().trim().regex(/^pi_[A-Za-z0-9]+$/, { error: "Unknown payment." }),
  amount: z.string({ error: "Enter an amount." }),
  reason: z.enum(REFUND_REASONS, { error: "Choose a reason." }),
  /** Set once staff confirmed a refund larger than the available balance. */
  confirmOverBalance: z
    .union([z.boolean(), z.enum(["true", "false", "on", ""])])
    .optional()
    .transform((v) => v === true || v === "true" || v === "on"),
  /** The number format the form's preview read the amount in. */
  numberFormat: z.string().max(35).optional(),
  /** The amount, in minor units, that staff confirmed after being asked. */
  confirmedAmount: z.string().max(20).optional(),
});

/**
 * Refunds all or part of what is left on a payment (all of it only for roles with refunds.create). The server recomputes what is left, refuses
 * what Stripe would refuse (with a clearer message), and asks for confirmation before a refund that
 * the available balance cannot cover (Stripe then debits the bank account).
 */
/**
 * `gate.stepUp` is how the server action asks for a recent proof of the person above an amount
 * (lib/auth/step-up.ts); it runs once the amount is known and before anything is asked or sent.
 */
export interface RefundGate {
  stepUp?: (amount: bigint, currency: string) => Promise<ActionResult | null>;
}

export async function refundPayment(actor: StaffActor | null, input: unknown, gate: RefundGate = {}): Promise<ActionResult> {
  const denied = refuseUnlessAllowed(actor, "refunds.create_partial");
  if (denied || !actor) return denied!;
  const parsed = refundSchema.safeParse(input);
  if (!parsed.success) return invalidFields(z.flattenError(parsed.error).fieldErrors);
  const { actionId, paymentIntentId, reason, confirmOverBalance } = parsed.data;

  const situation = await refundSituation(paymentIntentId);
  if (!situation) return refused("This payment is not known here yet. Reload the page in a moment.", "unknown_payment");
  if (situation.blockedBecause) return refused(situation.blockedBecause, "not_refundable");
  const { currency, remaining } = situation;
  const amount = await readStaffAmount(actor.id, parsed.data.amount, currency, parsed.data.numberFormat);
  if (!amount.ok) return invalidFields({ amount: [amount.message] });
  const { locale } = amount;
  if (amount.amount > remaining) {
    return invalidFields({ amount: [`At most ${formatMoney(remaining, currency, locale)} is left to refund on this payment.`] });
  }
  // Stripe's Support specialists refund in part; a refund that leaves nothing takes a Refund analyst.
  if (amount.amount === remaining && !can(actor.roles, "refunds.create")) {
    return refused(
      `Refunding all that is left (${formatMoney(remaining, currency, locale)}) needs the ${rolesWithLabel("refunds.create")} role; as ${rolesLabel(actor.roles)} you can refund part of it.`,
      "forbidden",
    );
  }
  const stepUp = await gate.stepUp?.(amount.amount, currency);
  if (stepUp) return stepUp;
  const unconfirmed = await askToConfirmLargeAmount({
    amount: amount.amount, currency, locale, confirmed: parsed.data.confirmedAmount,
    question: `Refund ${formatMoney(amount.amount, currency, locale)}`,
  });
  if (unconfirmed) return unconfirmed;

  if (!confirmOverBalance) {
    // Refunds come out of the balance the payment settled in, which may be another currency.
    const short = await refundBalanceShortfall(paymentIntentId, amount.amount, currency);
    if (short) {
      const converted = short.currency !== currency ? ` (about ${formatMoney(short.needed, short.currency, locale)})` : "";
      return {
        ok: false,
        code: "needs_balance_confirmation",
        error: `This refund${converted} is larger than your available ${short.currency.toUpperCase()} balance (${formatMoney(short.available, short.currency, locale)}). Stripe will debit your bank account for the difference. Confirm to go ahead.`,
      };
    }
  }

  const shown = formatMoney(amount.amount, currency, locale);
  return runStaffAction({
    actor,
    actionId,
    kind: "refund.create",
    objectType: "payment_intent",
    objectId: paymentIntentId,
    params: { paymentIntentId, amount: amount.amount.toString(), currency, reason, confirmOverBalance },
    call: (request) =>
      stripe().refunds.create(
        { payment_intent: paymentIntentId, amount: Number(amount.amount), reason, metadata: actionMetadata(actionId) },
        request,
      ),
    // A second refund would pay back twice. A payment's refunds are listed by payment_intent (a
    // list sees a new refund at once; refunds have no search) and the metadata picks this one.
    retry: {
      lookUp: async () => {
        const refund = await madeByAction(stripe().refunds.list({ payment_intent: paymentIntentId, limit: 100 }), actionId);
        return refund ? { result: refund } : null;
      },
    },
    describe: (refund) => ({
      message: refund.status === "succeeded" ? `Refunded ${shown}.` : `Refund of ${shown} is ${refund.status ?? "pending"}.`,
      outcome: { refundId: refund.id, status: refund.status ?? null },
      objectId: refund.id,
      status: refund.status ?? undefined,
    }),
    objects: (refund) => [refund],
  });
}
