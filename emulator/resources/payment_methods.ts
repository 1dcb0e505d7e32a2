import { z } from "zod";
import { cardError, invalidRequest, resourceMissing } from "../core/errors";
import { listOf } from "../core/list";
import { int, mergeMetadata, metadata, parse } from "../core/params";
import type { Router } from "../core/router";
import type { StripeObject } from "../core/store";
import type { World } from "../core/world";
import { billing, billingDetails, createCardPaymentMethod } from "./card_payment_method";
import { paymentMethodFromToken } from "./tokens";
import { cardForNumber, numberForToken, type TestCard } from "./test_cards";

const createParams = z.object({
  type: z.literal("card"),
  card: z
    .object({
      number: z.string().optional(),
      exp_month: int.optional(),
      exp_year: int.optional(),
      cvc: z.string().optional(),
      token: z.string().optional(),
    })
    .optional(),
  billing_details: billingDetails,
  metadata: metadata.optional(),
  allow_redisplay: z.enum(["always", "limited", "unspecified"]).optional(),
});

function createFromToken(world: World, token: string, param: string): StripeObject {
  const number = numberForToken(token);
  if (!number) {
    const fromCardToken = token.startsWith("tok_") ? paymentMethodFromToken(world, token, param) : undefined;
    if (fromCardToken) return fromCardToken;
    throw resourceMissing(token.startsWith("tok_") ? "token" : "PaymentMethod", token, param);
  }
  const year = new Date(world.now() * 1000).getUTCFullYear() + 3;
  return createCardPaymentMethod(world, { number, exp_month: 12, exp_year: year, cvc: "123" });
}

/** A PaymentMethod id, or one of Stripe's test tokens (`pm_card_visa`, `tok_visa`) which mints a new one. */
export function resolvePaymentMethod(world: World, ref: string, param: string): StripeObject {
  if (ref.startsWith("pm_card_") || ref.startsWith("tok_")) return createFromToken(world, ref, param);
  const pm = world.store.getOf("payment_method", ref);
  if (!pm) throw resourceMissing("PaymentMethod", ref, param);
  return pm;
}

export function testCardOf(world: World, pm: StripeObject): TestCard {
  return cardForNumber(String(world.store.hidden(pm.id).number ?? ""));
}

export function cvcProvided(world: World, pm: StripeObject): boolean {
  return world.store.hidden(pm.id).cvc === true;
}

export function attachPaymentMethod(world: World, pm: StripeObject, customerId: string): StripeObject {
  const customer = world.store.getOf("customer", customerId);
  if (!customer || world.store.hidden(customerId).deleted) throw resourceMissing("customer", customerId, "customer");
  if (pm.customer === customerId) return pm;
  if (pm.customer) {
    throw invalidRequest("The payment method you provided has already been attached to a customer.", { code: "payment_method_unexpected_state" });
  }
  const card = testCardOf(world, pm);
  if ((card.declineOnAttach || card.radarBlock) && card.decline && (!card.cvcDecline || cvcProvided(world, pm))) {
    throw cardError({ ...card.decline, param: "", payment_method: structuredClone(pm) });
  }
  world.update(pm, { customer: customerId });
  world.emit("payment_method.attached", pm, { customer: null });
  return pm;
}

function detach(world: World, pm: StripeObject): StripeObject {
  if (!pm.customer) {
    throw invalidRequest("The payment method you provided is not attached to a customer so detachment is impossible.", {
      code: "payment_method_unexpected_state",
    });
  }
  const customer = world.store.getOf("customer", String(pm.customer));
  const previous = world.update(pm, { customer: null });
  world.emit("payment_method.detached", pm, previous);
  const settings = customer?.invoice_settings as { default_payment_method?: string | null } | undefined;
  if (customer && settings?.default_payment_method === pm.id) {
    const prev = world.update(customer, { invoice_settings: { ...settings, default_payment_method: null } });
    world.emit("customer.updated", customer, prev);
  }
  return pm;
}

function findPaymentMethod(world: World, id: string): StripeObject {
  const pm = world.store.getOf("payment_method", id);
  if (!pm) throw resourceMissing("PaymentMethod", id);
  return pm;
}

function listFor(world: World, customerId: string | undefined, input: Record<string, unknown>, url: string): unknown {
  if (customerId !== undefined && !world.store.getOf("customer", customerId)) throw resourceMissing("customer", customerId, "customer");
  const type = typeof input.type === "string" ? input.type : undefined;
  const items = world.store
    .where("payment_method", (pm) => (customerId === undefined ? true : pm.customer === customerId) && (type === undefined || pm.type === type));
  return listOf(world.store, items, input, url);
}

export function registerPaymentMethods(router: Router): void {
  router.post(
    "/v1/payment_methods",
    (r) => {
      const p = parse(createParams, r.input);
      const extra = { billing_details: p.billing_details, metadata: p.metadata, allow_redisplay: p.allow_redisplay };
      if (p.card?.token) {
        const pm = resolvePaymentMethod(r.world, p.card.token, "card[token]");
        return pm;
      }
      if (!p.card?.number) throw invalidRequest("Missing required param: card[number].", { param: "card[number]", code: "parameter_missing" });
      if (p.card.exp_month === undefined) throw invalidRequest("Missing required param: card[exp_month].", { param: "card[exp_month]", code: "parameter_missing" });
      if (p.card.exp_year === undefined) throw invalidRequest("Missing required param: card[exp_year].", { param: "card[exp_year]", code: "parameter_missing" });
      const number = p.card.number.replace(/\s+/g, "");
      return createCardPaymentMethod(r.world, { number, exp_month: p.card.exp_month, exp_year: p.card.exp_year, cvc: p.card.cvc }, extra);
    },
    { publishable: true },
  );
  router.get("/v1/payment_methods", (r) => {
    const customer = typeof r.input.customer === "string" ? r.input.customer : undefined;
    return listFor(r.world, customer, r.input, "/v1/payment_methods");
  });
  router.get("/v1/payment_methods/:id", (r) => findPaymentMethod(r.world, r.params.id ?? ""));
  router.post("/v1/payment_methods/:id", (r) => {
    const pm = findPaymentMethod(r.world, r.params.id ?? "");
    const p = parse(z.object({ metadata: metadata.optional(), billing_details: billingDetails, allow_redisplay: z.string().optional() }), r.input);
    const changes: Record<string, unknown> = {};
    if (p.metadata !== undefined) changes.metadata = mergeMetadata(pm.metadata as Record<string, string>, p.metadata);
    if (p.billing_details !== undefined) changes.billing_details = billing(p.billing_details);
    if (p.allow_redisplay !== undefined) changes.allow_redisplay = p.allow_redisplay;
    const previous = r.world.update(pm, changes);
    if (Object.keys(previous).length > 0) r.world.emit("payment_method.updated", pm, previous);
    return pm;
  });
  router.post("/v1/payment_methods/:id/attach", (r) => {
    const p = parse(z.object({ customer: z.string() }), r.input);
    const pm = resolvePaymentMethod(r.world, r.params.id ?? "", "payment_method");
    return attachPaymentMethod(r.world, pm, p.customer);
  });
  router.post("/v1/payment_methods/:id/detach", (r) => detach(r.world, findPaymentMethod(r.world, r.params.id ?? "")));
  router.get("/v1/customers/:customer/payment_methods", (r) =>
    listFor(r.world, r.params.customer ?? "", r.input, `/v1/customers/${r.params.customer}/payment_methods`),
  );
  router.get("/v1/customers/:customer/payment_methods/:id", (r) => {
    const pm = findPaymentMethod(r.world, r.params.id ?? "");
    if (pm.customer !== r.params.customer) throw resourceMissing("PaymentMethod", pm.id);
    return pm;
  });
}
