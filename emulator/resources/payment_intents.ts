import { z } from "zod";
import { ApiError, cardError, invalidRequest } from "../core/errors";
import { clientSecret, newId } from "../core/ids";
import { listOf } from "../core/list";
import { bool, int, mergeMetadata, metadata, parse, str } from "../core/params";
import type { Auth, Router } from "../core/router";
import type { StripeObject } from "../core/store";
import type { World } from "../core/world";
import { addBalanceTransaction, currencyExponent, DAY, processingFee } from "./balance";
import { createCharge } from "./charges";
import { findCustomer } from "./customers";
import { openDispute } from "./disputes";
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
import { createEarlyFraudWarning } from "./radar";
import { cardForNumber } from "./test_cards";

const offSession = z.union([bool, z.enum(["one_off", "recurring"]).transform(() => true)]);

const confirmFields = {
  payment_method: str.optional(),
  payment_method_data: paymentMethodData,
  off_session: offSession.optional(),
  error_on_requires_action: bool.optional(),
  return_url: str.optional(),
  setup_future_usage: z.enum(["off_session", "on_session", ""]).optional(),
  receipt_email: str.optional(),
  use_stripe_sdk: bool.optional(),
  client_secret: str.optional(),
  mandate_data: z.unknown().optional(),
  payment_method_options: z.unknown().optional(),
  expand: z.unknown().optional(),
};

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
  if (amount < 1) throw invalidRequest("This value must be greater than or equal to 1.", { param: "amount", code: "parameter_invalid_integer" });
  const minimum = MINIMUM[currency] ?? (currencyExponent(currency) === 0 ? 50 : 50);
  if (amount < minimum) {
    throw invalidRequest(`Amount must be at least ${minimum} in the currency's smallest unit (${currency}).`, { param: "amount", code: "amount_too_small" });
  }
  if (amount > 99_999_999) throw invalidRequest("Amount must be no more than 99,999,999.", { param: "amount", code: "amount_too_large" });
  // Three-decimal currencies settle in tens of the minor unit (FACTS §10).
  if (currencyExponent(currency) === 3 && amount % 10 !== 0) {
    throw invalidRequest(`Invalid amount: ${currency.toUpperCase()} amounts must be divisible by 10 (the last digit must be 0).`, { param: "amount", code: "invalid_amount" } );
  }
}

function lastPaymentError(world: World, pmId: string, fields: Record<string, unknown>): Record<string, unknown> {
  return { ...fields, payment_method: paymentMethodSnapshot(world, pmId), payment_method_type: "card" };
}

function succeedOrDecline(world: World, pi: StripeObject, pm: StripeObject, authenticated: boolean): StripeObject {
  const card = testCardOf(world, pm);
  const decline = card.decline && (!card.cvcDecline || cvcProvided(world, pm)) ? card.decline : null;
  const charge = createCharge(world, { paymentIntent: pi, paymentMethod: pm, card, decline, authenticated });
  if (decline) {
    const error = lastPaymentError(world, pm.id, {
      charge: charge.id,
      code: decline.code,
      decline_code: decline.decline_code,
      doc_url: `https://stripe.com/docs/error-codes/${decline.code.replace(/_/g, "-")}`,
      message: decline.message,
      type: "card_error",
    });
    world.update(pi, { status: "requires_payment_method", last_payment_error: error, latest_charge: charge.id, payment_method: null, next_action: null });
    world.emit("payment_intent.payment_failed", pi);
    const { type: _type, ...body } = error;
    void _type;
    throw cardError({ ...(body as { code: string; message: string }), payment_intent: structuredClone(pi) });
  }
  const manual = pi.capture_method === "manual";
  world.update(pi, {
    status: manual ? "requires_capture" : "succeeded",
    amount_capturable: manual ? pi.amount : 0,
    amount_received: manual ? 0 : pi.amount,
    latest_charge: charge.id,
    last_payment_error: null,
    next_action: null,
    payment_method: pm.id,
  });
  if (pi.setup_future_usage && pi.customer) {
    if (pm.customer !== pi.customer) attachPaymentMethod(world, pm, String(pi.customer));
    world.store.setHidden(pm.id, { setupDone: true });
  }
  world.emit(manual ? "payment_intent.amount_capturable_updated" : "payment_intent.succeeded", pi);
  if (card.dispute) openDispute(world, charge, card.dispute);
  if (card.earlyFraudWarning) createEarlyFraudWarning(world, charge);
  return pi;
}

function confirm(world: World, pi: StripeObject, input: unknown, auth: Auth): StripeObject {
  const p = parse(z.object(confirmFields), input);
  checkClientSecret(auth, pi, p.client_secret, "PaymentIntent");
  if (!["requires_payment_method", "requires_confirmation", "requires_action"].includes(String(pi.status))) {
    throw invalidRequest(`You cannot confirm this PaymentIntent because it has a status of ${String(pi.status)}.`, {
      code: "payment_intent_unexpected_state",
    });
  }
  const pm = paymentMethodFor(world, p.payment_method, p.payment_method_data) ??
    (typeof pi.payment_method === "string" ? paymentMethodFor(world, pi.payment_method, undefined) : undefined);
  if (!pm) {
    throw invalidRequest(
      "You cannot confirm this PaymentIntent because it's missing a payment method. To confirm the PaymentIntent with cus_xxx, specify a payment method attached to this customer along with the customer ID.",
      { code: "payment_intent_unexpected_state" },
    );
  }
  if (pm.customer && pm.customer !== pi.customer) {
    throw invalidRequest(
      pi.customer
        ? `The provided PaymentMethod ${pm.id} belongs to a different Customer than the one on this PaymentIntent.`
        : `The provided PaymentMethod belongs to a Customer. Please provide its id as the customer parameter.`,
      { param: "payment_method" },
    );
  }
  const changes: Record<string, unknown> = { payment_method: pm.id };
  if (p.setup_future_usage !== undefined) changes.setup_future_usage = p.setup_future_usage || null;
  if (p.receipt_email !== undefined) changes.receipt_email = p.receipt_email;
  world.update(pi, changes);
  const offSessionPayment = p.off_session === true || p.error_on_requires_action === true;
  const card = testCardOf(world, pm);
  const needsAuth = card.auth === "always" || (card.auth === "on_setup" && world.store.hidden(pm.id).setupDone !== true);
  if (needsAuth && offSessionPayment) {
    const charge = createCharge(world, {
      paymentIntent: pi,
      paymentMethod: pm,
      card,
      decline: { code: "authentication_required", decline_code: "authentication_required", message: "Your card was declined. This transaction requires authentication." },
      authenticated: false,
    });
    const error = lastPaymentError(world, pm.id, {
      charge: charge.id,
      code: "authentication_required",
      decline_code: "authentication_required",
      doc_url: "https://stripe.com/docs/error-codes/authentication-required",
      message: "Your card was declined. This transaction requires authentication.",
      type: "card_error",
    });
    world.update(pi, { status: "requires_payment_method", last_payment_error: error, latest_charge: charge.id, payment_method: null });
    world.emit("payment_intent.payment_failed", pi);
    throw cardError({
      code: "authentication_required",
      decline_code: "authentication_required",
      message: "Your card was declined. This transaction requires authentication.",
      charge: charge.id,
      payment_intent: structuredClone(pi),
      payment_method: structuredClone(pm),
    });
  }
  if (needsAuth) {
    world.update(pi, { status: "requires_action", next_action: threeDSecureAction(world, pi.id), last_payment_error: null });
    world.emit("payment_intent.requires_action", pi);
    return pi;
  }
  return succeedOrDecline(world, pi, pm, false);
}

/** The customer finished (or failed) the 3-D Secure challenge shown by the Stripe.js stand-in. */
export function completePaymentAuthentication(world: World, pi: StripeObject, approved: boolean): StripeObject {
  if (pi.status !== "requires_action") {
    throw invalidRequest(`This PaymentIntent is not awaiting authentication (status ${String(pi.status)}).`, { code: "payment_intent_unexpected_state" });
  }
  const pm = world.store.getOf("payment_method", String(pi.payment_method));
  if (!pm) throw invalidRequest("This PaymentIntent has no payment method.");
  if (!approved) {
    const error = lastPaymentError(world, pm.id, {
      code: "payment_intent_authentication_failure",
      doc_url: "https://stripe.com/docs/error-codes/payment-intent-authentication-failure",
      message: AUTH_FAILURE_MESSAGE,
      type: "invalid_request_error",
    });
    world.update(pi, { status: "requires_payment_method", next_action: null, last_payment_error: error, payment_method: null });
    world.emit("payment_intent.payment_failed", pi);
    return pi;
  }
  try {
    return succeedOrDecline(world, pi, pm, true);
  } catch (err) {
    if (err instanceof ApiError) return pi;
    throw err;
  }
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
    livemode: false,
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
  const releasing = pi.status === "requires_capture";
  world.update(pi, { status: "canceled", canceled_at: world.now(), cancellation_reason: p.cancellation_reason ?? null, next_action: null, amount_capturable: 0 });
  world.emit("payment_intent.canceled", pi);
  const charge = releasing ? world.store.getOf("charge", String(pi.latest_charge)) : undefined;
  if (charge) {
    // Canceling an authorisation releases it; Stripe reports that as a full refund of the charge.
    const previous = world.update(charge, { amount_refunded: charge.amount, refunded: true });
    world.emit("charge.refunded", charge, previous);
  }
  return pi;
}

/** Captures an authorised (capture_method=manual) payment; the uncaptured rest is released. */
function capture(world: World, pi: StripeObject, input: unknown): StripeObject {
  const p = parse(z.object({ amount_to_capture: int.optional(), metadata: metadata.optional() }), input);
  if (pi.status !== "requires_capture") {
    throw invalidRequest(`This PaymentIntent could not be captured because it has a status of ${String(pi.status)}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`, {
      code: "payment_intent_unexpected_state",
    });
  }
  const amount = Number(pi.amount);
  const toCapture = p.amount_to_capture ?? amount;
  if (toCapture < 1 || toCapture > amount) {
    throw invalidRequest(`The amount to capture must be between 1 and ${amount}.`, { param: "amount_to_capture", code: "amount_too_large" });
  }
  const charge = world.store.getOf("charge", String(pi.latest_charge));
  if (!charge) throw invalidRequest("This PaymentIntent has no charge to capture.");
  const card = cardForNumber(String(world.store.hidden(charge.id).card ?? ""));
  const currency = String(pi.currency);
  const txn = addBalanceTransaction(world, {
    amount: toCapture,
    currency,
    type: "charge",
    reportingCategory: "charge",
    source: charge.id,
    description: (pi.description as string | null) ?? null,
    fee: processingFee(toCapture, currency),
    availableOn: card.bypassPending ? world.now() : world.now() + 2 * DAY,
  });
  const previous = world.update(charge, {
    captured: true,
    amount_captured: toCapture,
    amount_refunded: amount - toCapture,
    balance_transaction: txn.id,
  });
  world.emit("charge.captured", charge, previous);
  world.update(pi, {
    status: "succeeded",
    amount_capturable: 0,
    amount_received: toCapture,
    ...(p.metadata !== undefined ? { metadata: mergeMetadata(pi.metadata as Record<string, string>, p.metadata) } : {}),
  });
  world.emit("payment_intent.succeeded", pi);
  return pi;
}

export function registerPaymentIntents(router: Router): void {
  router.post("/v1/payment_intents/:id/capture", (r) => capture(r.world, findIntent(r.world, "payment_intent", r.params.id ?? ""), r.input));
  router.post("/v1/payment_intents", (r) => create(r.world, r.input, r.auth));
  router.get("/v1/payment_intents", (r) => {
    const p = parse(z.object({ customer: str.optional() }), r.input);
    const items = r.world.store.all("payment_intent").filter((pi) => p.customer === undefined || pi.customer === p.customer);
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
