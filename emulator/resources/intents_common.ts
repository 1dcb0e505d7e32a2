import { z } from "zod";
import { invalidRequest, resourceMissing } from "../core/errors";
import { int, str } from "../core/params";
import type { Auth } from "../core/router";
import type { StripeObject } from "../core/store";
import type { World } from "../core/world";
import { createCardPaymentMethod } from "./card_payment_method";
import { resolvePaymentMethod } from "./payment_methods";

// What PaymentIntents and SetupIntents share: picking the PaymentMethod to confirm with,
// publishable-key access through the client secret, and the 3-D Secure next action.

export const paymentMethodData = z
  .object({
    type: z.literal("card").optional(),
    card: z.object({ number: str.optional(), exp_month: int.optional(), exp_year: int.optional(), cvc: str.optional(), token: str.optional() }).optional(),
    billing_details: z.object({ name: str.optional(), email: str.optional(), phone: str.optional(), address: z.record(str, str).optional() }).optional(),
  })
  .optional();

export function paymentMethodFor(
  world: World,
  ref: string | undefined,
  data: z.output<typeof paymentMethodData>,
): StripeObject | undefined {
  if (ref) return resolvePaymentMethod(world, ref, "payment_method");
  if (!data?.card) return undefined;
  if (data.card.token) return resolvePaymentMethod(world, data.card.token, "payment_method_data[card][token]");
  if (!data.card.number || data.card.exp_month === undefined || data.card.exp_year === undefined) {
    throw invalidRequest("Missing required param: payment_method_data[card][number].", { param: "payment_method_data[card][number]", code: "parameter_missing" });
  }
  return createCardPaymentMethod(
    world,
    { number: data.card.number.replace(/\s+/g, ""), exp_month: data.card.exp_month, exp_year: data.card.exp_year, cvc: data.card.cvc },
    { billing_details: data.billing_details },
  );
}

/** Publishable-key callers must prove they hold the intent's client secret. */
export function checkClientSecret(auth: Auth, intent: StripeObject, provided: unknown, kind: string): void {
  if (auth !== "publishable") return;
  if (typeof provided !== "string" || provided !== intent.client_secret) {
    throw invalidRequest(`The client_secret provided does not match any associated ${kind} on this account.`, {
      param: "client_secret",
      code: "resource_missing",
      status: 404,
    });
  }
}

export function findIntent(world: World, type: "payment_intent" | "setup_intent", id: string, param = "intent"): StripeObject {
  const intent = world.store.getOf(type, id);
  if (!intent) throw resourceMissing(type === "payment_intent" ? "payment_intent" : "setup_intent", id, param);
  return intent;
}

export function threeDSecureAction(world: World, intentId: string): Record<string, unknown> {
  return {
    type: "use_stripe_sdk",
    use_stripe_sdk: {
      type: "three_d_secure_redirect",
      stripe_js: `${world.baseUrl}/stripejs/3ds?intent=${intentId}`,
      source: `src_${intentId.slice(intentId.indexOf("_") + 1)}`,
    },
  };
}

export const AUTH_FAILURE_MESSAGE =
  "We are unable to authenticate your payment method. Please choose a different payment method and try again.";

export function paymentMethodSnapshot(world: World, pmId: string): StripeObject | null {
  const pm = world.store.getOf("payment_method", pmId);
  return pm ? structuredClone(pm) : null;
}
