import { projectApiObjects } from "@/lib/audit/project";
import { db } from "@/lib/db";
import { appConfig, stripeKeys } from "@/lib/env";
import { markLinkUsed, requireCustomerLink, type LinkRefusal } from "@/lib/links/customer-link";
import { stripe } from "@/lib/stripe/client";
import { responseStamp } from "@/lib/stripe/response-stamp";
import { isRecord } from "@/lib/webhooks/stripe-object";

/** The customer's side of a payment link: `/pay/<token>` authenticates the same PaymentIntent. */

export type PaymentLinkPage =
  | {
      ok: true;
      merchantName: string;
      customerEmail: string | null;
      amount: number;
      currency: string;
      description: string | null;
      clientSecret: string;
      paymentMethodId: string | null;
      card: { brand: string | null; last4: string | null };
      publishableKey: string;
    }
  | { ok: false; reason: LinkRefusal | "unavailable" | "paid"; message: string };

export async function loadPaymentLink(token: string): Promise<PaymentLinkPage> {
  const check = await requireCustomerLink(token, "payment");
  if (!check.ok) return check;
  const { link } = check;
  if (!link.paymentIntentId) return { ok: false, reason: "invalid", message: "This link is not valid. Ask the merchant for a new one." };
  const intent = await stripe().paymentIntents.retrieve(link.paymentIntentId).catch(() => null);
  if (!intent?.client_secret) return { ok: false, reason: "unavailable", message: "This page cannot be shown right now. Try again in a few minutes." };
  if (intent.status === "succeeded" || intent.status === "processing") {
    return { ok: false, reason: "paid", message: "This payment is already complete. Thank you." };
  }
  if (intent.status === "canceled") return { ok: false, reason: "revoked", message: "The merchant canceled this payment." };
  // After a failed off-session attempt Stripe clears payment_method and keeps the card on the error.
  const paymentMethodId =
    (typeof intent.payment_method === "string" ? intent.payment_method : intent.payment_method?.id) ??
    intent.last_payment_error?.payment_method?.id ??
    null;
  const [customer, card] = await Promise.all([
    db().customer.findUnique({ where: { id: link.customerId }, select: { email: true, data: true } }),
    paymentMethodId ? db().paymentMethod.findUnique({ where: { id: paymentMethodId }, select: { cardBrand: true, cardLast4: true } }) : null,
  ]);
  const config = appConfig();
  return {
    ok: true,
    merchantName: config.merchantName,
    customerEmail: isRecord(customer?.data) && typeof customer.data.email === "string" ? customer.data.email : customer?.email ?? null,
    amount: intent.amount,
    currency: intent.currency,
    description: intent.description,
    clientSecret: intent.client_secret,
    paymentMethodId,
    card: { brand: card?.cardBrand ?? null, last4: card?.cardLast4 ?? null },
    publishableKey: stripeKeys(config).publishableKey,
  };
}

export type PaymentLinkOutcome = { ok: true; message: string } | { ok: false; error: string; reason?: LinkRefusal };

/** After Stripe.js finished: Stripe says whether it is paid; only then is the link used up. */
export async function completePaymentLink(token: unknown): Promise<PaymentLinkOutcome> {
  const check = await requireCustomerLink(token, "payment");
  if (!check.ok) return { ok: false, error: check.message, reason: check.reason };
  const { link } = check;
  if (!link.paymentIntentId) return { ok: false, error: "This link is not valid.", reason: "invalid" };
  const intent = await stripe().paymentIntents.retrieve(link.paymentIntentId, { expand: ["latest_charge"] });
  const charge = isRecord(intent.latest_charge) ? intent.latest_charge : null;
  await projectApiObjects([{ ...intent, latest_charge: charge?.id ?? intent.latest_charge }, charge], responseStamp(intent));
  if (intent.status !== "succeeded" && intent.status !== "processing") {
    return { ok: false, error: "The payment was not approved. Try again, or contact the merchant." };
  }
  await markLinkUsed(link.id);
  return { ok: true, message: "Thank you — your payment is complete. You can close this page." };
}
