import { projectApiObjects } from "@/lib/audit/project";
import { db } from "@/lib/db";
import { appConfig, stripeKeys } from "@/lib/env";
import { linkRefusal, markLinkUsed, requireCustomerLink, revokeLink, type LinkRefusal } from "@/lib/links/customer-link";
import { merchantTimeZone } from "@/lib/listing/time-zone";
import { stripe } from "@/lib/stripe/client";
import { responseStamp } from "@/lib/stripe/response-stamp";
import { isRecord } from "@/lib/webhooks/stripe-object";

/** The customer's side of a card link: what `/setup/<token>` shows, and its completion. */

export type CardSetupPage =
  | {
      ok: true;
      merchantName: string;
      customerEmail: string | null;
      customerName: string | null;
      clientSecret: string;
      publishableKey: string;
      expiresAt: Date;
      /** The merchant's, for the expiry date: the day the merchant means, as on every other page. */
      timeZone: string;
    }
  | { ok: false; reason: LinkRefusal | "unavailable"; message: string };

export async function loadCardSetup(token: string): Promise<CardSetupPage> {
  const check = await requireCustomerLink(token, "setup_card");
  if (!check.ok) return check;
  const { link } = check;
  if (!link.setupIntentId) return { ok: false, reason: "invalid", message: "This link is not valid. Ask the merchant for a new one." };
  const [customer, setupIntent, atStripe, timeZone] = await Promise.all([
    db().customer.findUnique({ where: { id: link.customerId }, select: { email: true, name: true, data: true } }),
    stripe().setupIntents.retrieve(link.setupIntentId).catch(() => null),
    // The page shows the customer's email: Stripe is asked whether the customer still exists, as
    // its customer.deleted webhook may not have reached us yet.
    stripe().customers.retrieve(link.customerId).catch(() => null),
    merchantTimeZone(),
  ]);
  if (atStripe?.deleted) {
    await revokeLink(link.id);
    return linkRefusal("revoked");
  }
  if (!setupIntent?.client_secret || !atStripe) {
    return { ok: false, reason: "unavailable", message: "This page cannot be shown right now. Try again in a few minutes." };
  }
  if (setupIntent.status === "succeeded" || setupIntent.status === "canceled") {
    return { ok: false, reason: "used", message: "This link has already been used, so it cannot be used again. Ask the merchant if you need another." };
  }
  const config = appConfig();
  const originalEmail = isRecord(customer?.data) && typeof customer.data.email === "string" ? customer.data.email : customer?.email ?? null;
  return {
    ok: true,
    merchantName: config.merchantName,
    customerEmail: originalEmail,
    customerName: customer?.name ?? null,
    clientSecret: setupIntent.client_secret,
    publishableKey: stripeKeys(config).publishableKey,
    expiresAt: link.expiresAt,
    timeZone,
  };
}

export type CardSetupOutcome =
  | { ok: true; message: string; card: { brand: string | null; last4: string | null } }
  | { ok: false; error: string; reason?: LinkRefusal };

/**
 * Called by the page after Stripe.js confirmed. Stripe is asked, not the browser: the link is used
 * up only once Stripe says the SetupIntent succeeded, and the saved card lands in our tables at once.
 */
export async function completeCardSetup(token: unknown): Promise<CardSetupOutcome> {
  const check = await requireCustomerLink(token, "setup_card");
  if (!check.ok) return { ok: false, error: check.message, reason: check.reason };
  const { link } = check;
  if (!link.setupIntentId) return { ok: false, error: "This link is not valid.", reason: "invalid" };
  const setupIntent = await stripe().setupIntents.retrieve(link.setupIntentId, { expand: ["payment_method"] });
  const paymentMethod = isRecord(setupIntent.payment_method) ? setupIntent.payment_method : null;
  await projectApiObjects([{ ...setupIntent, payment_method: paymentMethod?.id ?? setupIntent.payment_method }, paymentMethod], responseStamp(setupIntent));
  if (setupIntent.status !== "succeeded") {
    return { ok: false, error: setupIntent.last_setup_error?.message ? "Your bank did not approve the card. Try another card." : "The card is not saved yet. Complete the form to save it." };
  }
  await markLinkUsed(link.id);
  const card = paymentMethod && isRecord(paymentMethod.card) ? paymentMethod.card : null;
  return {
    ok: true,
    message: "Your card is saved. You can close this page.",
    card: { brand: typeof card?.brand === "string" ? card.brand : null, last4: typeof card?.last4 === "string" ? card.last4 : null },
  };
}
