import { z } from "zod";
import { invalidRequest, resourceMissing } from "../core/errors";
import { newId } from "../core/ids";
import { int, parse, str } from "../core/params";
import type { Router } from "../core/router";
import type { StripeObject } from "../core/store";
import type { World } from "../core/world";
import { createCardPaymentMethod } from "./card_payment_method";

// Card tokens (`POST /v1/tokens`), which Stripe.js's createToken makes from raw card data.
// A token becomes a PaymentMethod once, wherever a `tok_…` is accepted.

const createParams = z.object({
  card: z.object({
    number: str,
    exp_month: int,
    exp_year: int,
    cvc: str.optional(),
    name: str.optional(),
    address_line1: str.optional(),
    address_line2: str.optional(),
    address_city: str.optional(),
    address_state: str.optional(),
    address_zip: str.optional(),
    address_country: str.optional(),
    currency: str.optional(),
  }),
  expand: z.unknown().optional(),
});

export function paymentMethodFromToken(world: World, tokenId: string, param: string): StripeObject | undefined {
  const token = world.store.getOf("token", tokenId);
  if (!token) return undefined;
  if (token.used === true) throw invalidRequest(`You cannot use a Stripe token more than once: ${tokenId}.`, { param });
  const hidden = world.store.hidden(tokenId);
  const card = token.card as Record<string, unknown>;
  world.update(token, { used: true });
  return createCardPaymentMethod(
    world,
    { number: String(hidden.number), exp_month: Number(card.exp_month), exp_year: Number(card.exp_year), cvc: hidden.cvc ? String(hidden.cvc) : undefined },
    { billing_details: { name: card.name ? String(card.name) : undefined } },
  );
}

export function registerTokens(router: Router): void {
  router.post(
    "/v1/tokens",
    (r) => {
      const p = parse(createParams, r.input);
      const number = p.card.number.replace(/\s+/g, "");
      // Validate exactly as a PaymentMethod would, then keep only what a token shows.
      const probe = createCardPaymentMethod(r.world, { number, exp_month: p.card.exp_month, exp_year: p.card.exp_year, cvc: p.card.cvc });
      r.world.store.remove(probe.id);
      const pmCard = probe.card as Record<string, unknown>;
      const brandNames: Record<string, string> = { visa: "Visa", mastercard: "MasterCard", amex: "American Express", discover: "Discover", jcb: "JCB", unionpay: "UnionPay", diners: "Diners Club" };
      const token: StripeObject = {
        id: newId("tok"),
        object: "token",
        card: {
          id: newId("card"),
          object: "card",
          address_city: p.card.address_city ?? null,
          address_country: p.card.address_country ?? null,
          address_line1: p.card.address_line1 ?? null,
          address_line1_check: p.card.address_line1 ? "unchecked" : null,
          address_line2: p.card.address_line2 ?? null,
          address_state: p.card.address_state ?? null,
          address_zip: p.card.address_zip ?? null,
          address_zip_check: p.card.address_zip ? "unchecked" : null,
          brand: brandNames[String(pmCard.brand)] ?? "Unknown",
          country: pmCard.country,
          cvc_check: p.card.cvc ? "unchecked" : null,
          dynamic_last4: null,
          exp_month: pmCard.exp_month,
          exp_year: pmCard.exp_year,
          fingerprint: pmCard.fingerprint,
          funding: pmCard.funding,
          last4: pmCard.last4,
          metadata: {},
          name: p.card.name ?? null,
          networks: { preferred: null },
          regulated_status: pmCard.regulated_status,
          tokenization_method: null,
        },
        client_ip: r.raw.socket.remoteAddress ?? null,
        created: r.world.now(),
        livemode: r.world.livemode,
        type: "card",
        used: false,
      };
      return r.world.store.insert(token, { number, cvc: p.card.cvc ?? null });
    },
    { publishable: true },
  );
  router.get("/v1/tokens/:id", (r) => {
    const token = r.world.store.getOf("token", r.params.id ?? "");
    if (!token) throw resourceMissing("token", r.params.id ?? "");
    return token;
  });
}
