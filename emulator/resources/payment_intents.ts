import { z } from "zod";
import { invalidRequest } from "../core/errors";
import { clientSecret, newId } from "../core/ids";
import { listOf } from "../core/list";
import { bool, int, mergeMetadata, metadata, parse, str } from "../core/params";
import type { Auth, Router } from "../core/router";
import type { StripeObject } from "../core/store";
import type { World } from "../core/world";
import { amountProblem, currencyExponent } from "./balance";
import { hasExchangeRate, USD_PER_UNIT } from "./settlement";
import { findCustomer } from "./customers";
import { checkClientSecret, findIntent, paymentMethodFor } from "./intents_common";
import { capture, confirm, confirmFields } from "./payment_flow";

const createParams = z.object({
  ...confirmFields,
  amount: int,
  currency: z.string().transform((c) => c.toLowerCase()),
  customer: str.optional(),
  confirm: bool.optional(),
  capture_method: z.enum(["automatic", "automatic_async", "manual"]).optional(),
  confirmation_method: z.enum(["automatic", "manual"]).optional(),
  description: str.optional(),
  metadata: metadata.optional(),
  payment_method_types: z.array(str).optional(),
  automatic_payment_methods: z.object({ enabled: bool, allow_redirects: z.enum(["always", "never"]).optional() }).optional(),
  statement_descriptor: str.optional(),
  statement_descriptor_suffix: str.optional(),
});

const updateParams = z.object({
  amount: int.optional(),
  currency: str.optional(),
  customer: str.optional(),
  description: str.optional(),
  metadata: metadata.optional(),
  payment_method: str.optional(),
  receipt_email: str.optional(),
  setup_future_usage: z.enum(["off_session", "on_session", ""]).optional(),
});

const MINIMUM: Record<string, number> = { usd: 50, eur: 50, gbp: 30, cad: 50, aud: 50, jpy: 50, chf: 50, sek: 300, nok: 300, dkk: 250, mxn: 1000, kwd: 150, bhd: 150 };

function checkAmount(amount: number, currency: string): void {
  // Every presentment currency must be convertible to the settlement currency; one the emulator has
  // no rate for is refused as Stripe refuses a currency it does not support.
  if (!hasExchangeRate(currency)) {
    throw invalidRequest(`Invalid currency: ${currency}. Stripe currently supports these currencies: ${Object.keys(USD_PER_UNIT).sort().join(", ")}`, { param: "currency" });
  }
  if (amount < 1) throw invalidRequest("This value must be greater than or equal to 1.", { param: "amount", code: "parameter_invalid_integer" });
  const minimum = MINIMUM[currency] ?? (currencyExponent(currency) === 0 ? 50 : 50);
  if (amount < minimum) {
    throw invalidRequest(`Amount must be at least ${minimum} in the currency's smallest unit (${currency}).`, { param: "amount", code: "amount_too_small" });
  }
  if (amount > 99_999_999) throw invalidRequest("Amount must be no more than 99,999,999.", { param: "amount", code: "amount_too_large" });
  const problem = amountProblem(amount, currency);
  if (problem) throw invalidRequest(problem.message, { param: "amount", code: problem.code });
}



function create(world: World, input: unknown, auth: Auth): StripeObject {
  const p = parse(createParams, input);
  checkAmount(p.amount, p.currency);
  if (p.customer) findCustomer(world, p.customer, "customer");
  if (p.off_session !== undefined && p.confirm !== true) {
    throw invalidRequest("You can only pass `off_session` when `confirm` is true.", { param: "off_session" });
  }
  const id = newId("pi");
  const pi: StripeObject = {
    id,
    object: "payment_intent",
    amount: p.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: p.automatic_payment_methods ? { allow_redirects: p.automatic_payment_methods.allow_redirects ?? "always", enabled: p.automatic_payment_methods.enabled } : null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: p.capture_method ?? "automatic_async",
    client_secret: clientSecret(id),
    confirmation_method: p.confirmation_method ?? "automatic",
    created: world.now(),
    currency: p.currency,
    customer: p.customer ?? null,
    customer_account: null,
    description: p.description ?? null,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: world.livemode,
    managed_payments: null,
    metadata: mergeMetadata({}, p.metadata),
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: { card: { installments: null, mandate_options: null, network: null, request_three_d_secure: "automatic" } },
    payment_method_types: p.payment_method_types ?? ["card"],
    processing: null,
    receipt_email: p.receipt_email ?? null,
    review: null,
    setup_future_usage: p.setup_future_usage || null,
    shipping: null,
    source: null,
    statement_descriptor: p.statement_descriptor ?? null,
    statement_descriptor_suffix: p.statement_descriptor_suffix ?? null,
    status: "requires_payment_method",
    transfer_data: null,
    transfer_group: null,
  };
  world.store.insert(pi, {});
  if (p.payment_method || p.payment_method_data) {
    const pm = paymentMethodFor(world, p.payment_method, p.payment_method_data);
    if (pm) world.update(pi, { payment_method: pm.id, status: "requires_confirmation" });
  }
  world.emit("payment_intent.created", pi);
  if (p.confirm) {
    // Confirm with the PaymentMethod resolved above, so a test token or card data mints only one.
    const { payment_method_data: _data, ...rest } = input as Record<string, unknown>;
    void _data;
    return confirm(world, pi, { ...rest, payment_method: pi.payment_method ?? undefined, client_secret: pi.client_secret }, auth);
  }
  return pi;
}

function update(world: World, pi: StripeObject, input: unknown): StripeObject {
  const p = parse(updateParams, input);
  if (["succeeded", "canceled", "processing"].includes(String(pi.status))) {
    throw invalidRequest(`You cannot update this PaymentIntent because it has a status of ${String(pi.status)}.`, { code: "payment_intent_unexpected_state" });
  }
  const changes: Record<string, unknown> = {};
  if (p.amount !== undefined) {
    checkAmount(p.amount, String(p.currency ?? pi.currency));
    changes.amount = p.amount;
  }
  if (p.currency !== undefined) changes.currency = p.currency.toLowerCase();
  if (p.customer !== undefined) changes.customer = p.customer ? findCustomer(world, p.customer, "customer").id : null;
  if (p.description !== undefined) changes.description = p.description || null;
  if (p.receipt_email !== undefined) changes.receipt_email = p.receipt_email || null;
  if (p.setup_future_usage !== undefined) changes.setup_future_usage = p.setup_future_usage || null;
  if (p.metadata !== undefined) changes.metadata = mergeMetadata(pi.metadata as Record<string, string>, p.metadata);
  if (p.payment_method !== undefined) {
    const pm = paymentMethodFor(world, p.payment_method, undefined);
    changes.payment_method = pm?.id ?? null;
    changes.status = pm ? "requires_confirmation" : "requires_payment_method";
  }
  world.update(pi, changes);
  return pi;
}

function cancel(world: World, pi: StripeObject, input: unknown): StripeObject {
  const p = parse(z.object({ cancellation_reason: z.enum(["duplicate", "fraudulent", "requested_by_customer", "abandoned"]).optional() }), input);
  if (["succeeded", "canceled", "processing"].includes(String(pi.status))) {
    throw invalidRequest(
      `You cannot cancel this PaymentIntent because it has a status of ${String(pi.status)}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`,
      { code: "payment_intent_unexpected_state" },
    );
  }
  // Cancelling an authorisation releases it. Since API 2025-03-31.basil that is not a refund: the
  // charge keeps amount_refunded 0, refunded false, amount_captured 0, and no charge.refunded is sent.
  world.update(pi, { status: "canceled", canceled_at: world.now(), cancellation_reason: p.cancellation_reason ?? null, next_action: null, amount_capturable: 0 });
  world.emit("payment_intent.canceled", pi);
  return pi;
}


export function registerPaymentIntents(router: Router): void {
  router.post("/v1/payment_intents/:id/capture", (r) => capture(r.world, findIntent(r.world, "payment_intent", r.params.id ?? ""), r.input));
  router.post("/v1/payment_intents", (r) => create(r.world, r.input, r.auth));
  router.get("/v1/payment_intents", (r) => {
    const p = parse(z.object({ customer: str.optional() }), r.input);
    const items = r.world.store.where("payment_intent", (pi) => p.customer === undefined || pi.customer === p.customer);
    return listOf(r.world.store, items, r.input, "/v1/payment_intents");
  });
  router.get(
    "/v1/payment_intents/:id",
    (r) => {
      const pi = findIntent(r.world, "payment_intent", r.params.id ?? "", "intent");
      checkClientSecret(r.auth, pi, r.input.client_secret, "PaymentIntent");
      return pi;
    },
    { publishable: true },
  );
  router.post("/v1/payment_intents/:id", (r) => update(r.world, findIntent(r.world, "payment_intent", r.params.id ?? ""), r.input));
  router.post("/v1/payment_intents/:id/confirm", (r) => confirm(r.world, findIntent(r.world, "payment_intent", r.params.id ?? ""), r.input, r.auth), {
    publishable: true,
  });
  router.post("/v1/payment_intents/:id/cancel", (r) => cancel(r.world, findIntent(r.world, "payment_intent", r.params.id ?? ""), r.input));
}
