import { z } from "zod";
import { cardError, invalidRequest } from "../core/errors";
import { clientSecret, newId } from "../core/ids";
import { listOf } from "../core/list";
import { bool, mergeMetadata, metadata, parse, str } from "../core/params";
import type { Auth, Router } from "../core/router";
import type { StripeObject } from "../core/store";
import type { World } from "../core/world";
import { findCustomer } from "./customers";
import {
  AUTH_FAILURE_MESSAGE,
  checkClientSecret,
  findIntent,
  paymentMethodData,
  paymentMethodFor,
  paymentMethodSnapshot,
  threeDSecureAction,
} from "./intents_common";
import { attachPaymentMethod, cvcProvided, testCardOf } from "./payment_methods";

const confirmFields = {
  payment_method: str.optional(),
  payment_method_data: paymentMethodData,
  return_url: str.optional(),
  use_stripe_sdk: bool.optional(),
  client_secret: str.optional(),
  mandate_data: z.unknown().optional(),
  payment_method_options: z.unknown().optional(),
  expand: z.unknown().optional(),
};

const createParams = z.object({
  ...confirmFields,
  customer: str.optional(),
  confirm: bool.optional(),
  usage: z.enum(["off_session", "on_session"]).optional(),
  description: str.optional(),
  metadata: metadata.optional(),
  payment_method_types: z.array(str).optional(),
  automatic_payment_methods: z.object({ enabled: bool, allow_redirects: z.enum(["always", "never"]).optional() }).optional(),
});

function succeed(world: World, si: StripeObject, pm: StripeObject): StripeObject {
  if (si.customer && pm.customer !== si.customer) attachPaymentMethod(world, pm, String(si.customer));
  world.store.setHidden(pm.id, { setupDone: true });
  world.update(si, { status: "succeeded", payment_method: pm.id, next_action: null, last_setup_error: null });
  world.emit("setup_intent.succeeded", si);
  return si;
}

function fail(world: World, si: StripeObject, pm: StripeObject, error: Record<string, unknown>): void {
  world.update(si, {
    status: "requires_payment_method",
    payment_method: null,
    next_action: null,
    last_setup_error: { ...error, payment_method: paymentMethodSnapshot(world, pm.id), payment_method_type: "card" },
  });
  world.emit("setup_intent.setup_failed", si);
}

function confirm(world: World, si: StripeObject, input: unknown, auth: Auth): StripeObject {
  const p = parse(z.object(confirmFields), input);
  checkClientSecret(auth, si, p.client_secret, "SetupIntent");
  if (!["requires_payment_method", "requires_confirmation", "requires_action"].includes(String(si.status))) {
    throw invalidRequest(`You cannot confirm this SetupIntent because it has a status of ${String(si.status)}.`, { code: "setup_intent_unexpected_state" });
  }
  const pm = paymentMethodFor(world, p.payment_method, p.payment_method_data) ??
    (typeof si.payment_method === "string" ? paymentMethodFor(world, si.payment_method, undefined) : undefined);
  if (!pm) {
    throw invalidRequest("You cannot confirm this SetupIntent because it's missing a payment method.", { code: "setup_intent_unexpected_state" });
  }
  if (pm.customer && si.customer && pm.customer !== si.customer) {
    throw invalidRequest(`The provided PaymentMethod ${pm.id} belongs to a different Customer.`, { param: "payment_method" });
  }
  world.update(si, { payment_method: pm.id });
  const card = testCardOf(world, pm);
  // Cards that "can't be attached" fail setup the same way they fail attachment.
  const decline = (card.declineOnAttach || card.radarBlock) && card.decline && (!card.cvcDecline || cvcProvided(world, pm)) ? card.decline : null;
  if (decline) {
    fail(world, si, pm, { ...decline, doc_url: `https://stripe.com/docs/error-codes/${decline.code.replace(/_/g, "-")}`, type: "card_error" });
    throw cardError({ ...decline, setup_intent: structuredClone(si), payment_method: structuredClone(pm) });
  }
  if (card.auth === "on_setup" || card.auth === "always") {
    world.update(si, { status: "requires_action", next_action: threeDSecureAction(world, si.id) });
    world.emit("setup_intent.requires_action", si);
    return si;
  }
  return succeed(world, si, pm);
}

export function completeSetupAuthentication(world: World, si: StripeObject, approved: boolean): StripeObject {
  if (si.status !== "requires_action") {
    throw invalidRequest(`This SetupIntent is not awaiting authentication (status ${String(si.status)}).`, { code: "setup_intent_unexpected_state" });
  }
  const pm = world.store.getOf("payment_method", String(si.payment_method));
  if (!pm) throw invalidRequest("This SetupIntent has no payment method.");
  if (!approved) {
    fail(world, si, pm, {
      code: "setup_intent_authentication_failure",
      doc_url: "https://stripe.com/docs/error-codes/setup-intent-authentication-failure",
      message: AUTH_FAILURE_MESSAGE,
      type: "invalid_request_error",
    });
    return si;
  }
  return succeed(world, si, pm);
}

function create(world: World, input: unknown, auth: Auth): StripeObject {
  const p = parse(createParams, input);
  if (p.customer) findCustomer(world, p.customer, "customer");
  const id = newId("seti");
  const si: StripeObject = {
    id,
    object: "setup_intent",
    application: null,
    automatic_payment_methods: p.automatic_payment_methods ? { allow_redirects: p.automatic_payment_methods.allow_redirects ?? "always", enabled: p.automatic_payment_methods.enabled } : null,
    cancellation_reason: null,
    client_secret: clientSecret(id),
    created: world.now(),
    customer: p.customer ?? null,
    description: p.description ?? null,
    excluded_payment_method_types: null,
    flow_directions: null,
    last_setup_error: null,
    latest_attempt: null,
    livemode: world.livemode,
    mandate: null,
    metadata: mergeMetadata({}, p.metadata),
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: { card: { mandate_options: null, network: null, request_three_d_secure: "automatic" } },
    payment_method_types: p.payment_method_types ?? ["card"],
    single_use_mandate: null,
    status: "requires_payment_method",
    usage: p.usage ?? "off_session",
  };
  world.store.insert(si, {});
  if (p.payment_method || p.payment_method_data) {
    const pm = paymentMethodFor(world, p.payment_method, p.payment_method_data);
    if (pm) world.update(si, { payment_method: pm.id, status: "requires_confirmation" });
  }
  world.emit("setup_intent.created", si);
  if (p.confirm) {
    // Confirm with the PaymentMethod resolved above, so a test token or card data mints only one.
    const { payment_method_data: _data, ...rest } = input as Record<string, unknown>;
    void _data;
    return confirm(world, si, { ...rest, payment_method: si.payment_method ?? undefined, client_secret: si.client_secret }, auth);
  }
  return si;
}

export function registerSetupIntents(router: Router): void {
  router.post("/v1/setup_intents", (r) => create(r.world, r.input, r.auth));
  router.get("/v1/setup_intents", (r) => {
    const p = parse(z.object({ customer: str.optional(), payment_method: str.optional() }), r.input);
    const items = r.world.store
      .where("setup_intent", (si) => (p.customer === undefined || si.customer === p.customer) && (p.payment_method === undefined || si.payment_method === p.payment_method));
    return listOf(r.world.store, items, r.input, "/v1/setup_intents");
  });
  router.get(
    "/v1/setup_intents/:id",
    (r) => {
      const si = findIntent(r.world, "setup_intent", r.params.id ?? "");
      checkClientSecret(r.auth, si, r.input.client_secret, "SetupIntent");
      return si;
    },
    { publishable: true },
  );
  router.post("/v1/setup_intents/:id", (r) => {
    const si = findIntent(r.world, "setup_intent", r.params.id ?? "");
    const p = parse(z.object({ metadata: metadata.optional(), description: str.optional(), customer: str.optional() }), r.input);
    const changes: Record<string, unknown> = {};
    if (p.metadata !== undefined) changes.metadata = mergeMetadata(si.metadata as Record<string, string>, p.metadata);
    if (p.description !== undefined) changes.description = p.description || null;
    if (p.customer !== undefined) changes.customer = findCustomer(r.world, p.customer, "customer").id;
    r.world.update(si, changes);
    return si;
  });
  router.post("/v1/setup_intents/:id/confirm", (r) => confirm(r.world, findIntent(r.world, "setup_intent", r.params.id ?? ""), r.input, r.auth), {
    publishable: true,
  });
  router.post("/v1/setup_intents/:id/cancel", (r) => {
    const si = findIntent(r.world, "setup_intent", r.params.id ?? "");
    const p = parse(z.object({ cancellation_reason: z.enum(["abandoned", "duplicate", "requested_by_customer"]).optional() }), r.input);
    if (si.status === "succeeded" || si.status === "canceled") {
      throw invalidRequest(`You cannot cancel this SetupIntent because it has a status of ${String(si.status)}.`, { code: "setup_intent_unexpected_state" });
    }
    r.world.update(si, { status: "canceled", cancellation_reason: p.cancellation_reason ?? null, next_action: null });
    r.world.emit("setup_intent.canceled", si);
    return si;
  });
}
