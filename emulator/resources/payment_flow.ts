import { z } from "zod";
import { ApiError, cardError, invalidRequest } from "../core/errors";
import { bool, int, mergeMetadata, metadata, parse, str } from "../core/params";
import type { Auth } from "../core/router";
import type { StripeObject } from "../core/store";
import type { World } from "../core/world";
import { chargeBalanceTransaction, createCharge } from "./charges";
import { openDispute } from "./disputes";
import {
  AUTH_FAILURE_MESSAGE,
  checkClientSecret,
  paymentMethodData,
  paymentMethodFor,
  paymentMethodSnapshot,
  threeDSecureAction,
} from "./intents_common";
import { attachPaymentMethod, cvcProvided, testCardOf } from "./payment_methods";
import { createEarlyFraudWarning } from "./radar";
import { cardForNumber } from "./test_cards";

// How a PaymentIntent moves once confirmed: the card's test behaviour decides between a
// charge, a decline, 3-D Secure, or (off-session) authentication_required.

const offSession = z.union([bool, z.enum(["one_off", "recurring"]).transform(() => true)]);

export const confirmFields = {
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

export function confirm(world: World, pi: StripeObject, input: unknown, auth: Auth): StripeObject {
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

/** Captures an authorised (capture_method=manual) payment; the uncaptured rest is released, not refunded. */
export function capture(world: World, pi: StripeObject, input: unknown): StripeObject {
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
  const txn = chargeBalanceTransaction(world, charge.id, pi, toCapture, card);
  // Since API 2025-03-31.basil the released rest is no refund: one balance transaction for the
  // captured amount, and amount_refunded left alone.
  const previous = world.update(charge, { captured: true, amount_captured: toCapture, balance_transaction: txn.id });
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
