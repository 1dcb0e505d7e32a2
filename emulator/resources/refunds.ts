import { z } from "zod";
import { invalidRequest, resourceMissing } from "../core/errors";
import { newId } from "../core/ids";
import { listOf } from "../core/list";
import { int, mergeMetadata, metadata, parse, str } from "../core/params";
import type { Router } from "../core/router";
import type { StripeObject } from "../core/store";
import type { World } from "../core/world";
import { addBalanceTransaction, amountProblem, currencyExponent, DAY } from "./balance";
import { findCharge } from "./charges";
import { findIntent } from "./intents_common";
import { settleEarlyFraudWarnings } from "./radar";
import { cardForNumber } from "./test_cards";

/** Test-mode timings: pending refunds settle, failing refunds fail, and ARNs appear this long after creation. */
export const REFUND_SETTLE_DELAY = 3_600;
export const REFUND_ARN_DELAY = DAY;
/**
 * A refund this soon after the capture reaches the card before the payment has settled, so Stripe
 * reverses the payment instead: it drops off the statement and no ARN is ever assigned. Stripe
 * gives no figure ("issued shortly after the original charge"); two hours is its usual reversal
 * window for early fraud warnings (FACTS.md §9).
 */
export const REFUND_REVERSAL_WINDOW = 2 * 3_600;

const createParams = z.object({
  charge: str.optional(),
  payment_intent: str.optional(),
  amount: int.optional(),
  reason: z.enum(["duplicate", "fraudulent", "requested_by_customer"]).optional(),
  metadata: metadata.optional(),
  instructions_email: str.optional(),
});

function money(amount: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const value = (amount / 10 ** exponent).toFixed(exponent);
  return currency === "usd" ? `$${value}` : `${value} ${currency.toUpperCase()}`;
}

function refundedSoFar(world: World, chargeId: string): number {
  return world.store
    .all("refund")
    .filter((r) => r.charge === chargeId && (r.status === "pending" || r.status === "succeeded"))
    .reduce((sum, r) => sum + Number(r.amount), 0);
}

function resolveCharge(world: World, p: z.output<typeof createParams>): StripeObject {
  if (p.charge) return findCharge(world, p.charge, "charge");
  if (!p.payment_intent) throw invalidRequest("One of the following params should be provided for this request: payment_intent or charge.");
  const pi = findIntent(world, "payment_intent", p.payment_intent, "payment_intent");
  if (pi.status !== "succeeded" || typeof pi.latest_charge !== "string") {
    throw invalidRequest(`This PaymentIntent (${pi.id}) does not have a successful charge to refund.`, { param: "payment_intent" });
  }
  return findCharge(world, pi.latest_charge, "payment_intent");
}

/**
 * amount_refunded counts refunds only: what a partial capture released is not in it (API
 * 2025-03-31.basil). `refunded` turns true once everything captured has been refunded.
 */
function syncCharge(world: World, charge: StripeObject): Record<string, unknown> {
  const refunded = refundedSoFar(world, charge.id);
  const whole = refunded >= Number(charge.amount_captured);
  const previous = world.update(charge, { amount_refunded: refunded, refunded: whole });
  if (whole) settleEarlyFraudWarnings(world, charge.id);
  return previous;
}

function create(world: World, input: unknown): StripeObject {
  const p = parse(createParams, input);
  const charge = resolveCharge(world, p);
  if (charge.status !== "succeeded") throw invalidRequest(`Charge ${charge.id} has not succeeded; it cannot be refunded.`, { param: "charge" });
  const openChargeback = world.store
    .all("dispute")
    .some((d) => d.charge === charge.id && d.is_charge_refundable === false && !["won", "lost", "warning_closed"].includes(String(d.status)));
  if (openChargeback) {
    throw invalidRequest(`Charge ${charge.id} has been charged back; cannot issue a refund.`, { code: "charge_disputed" });
  }
  const currency = String(charge.currency);
  if (charge.captured !== true) throw invalidRequest(`Charge ${charge.id} has not been captured; cancel its PaymentIntent to release it.`, { param: "charge" });
  const remaining = Number(charge.amount_captured) - refundedSoFar(world, charge.id);
  if (remaining <= 0) throw invalidRequest(`Charge ${charge.id} has already been refunded.`, { code: "charge_already_refunded" });
  const amount = p.amount ?? remaining;
  if (amount <= 0) throw invalidRequest("Invalid positive integer", { param: "amount" });
  const problem = p.amount === undefined ? null : amountProblem(amount, currency);
  if (problem) throw invalidRequest(problem.message, { param: "amount", code: problem.code });
  if (amount > remaining) {
    throw invalidRequest(`Refund amount (${money(amount, currency)}) is greater than unrefunded amount on charge (${money(remaining, currency)})`, {
      param: "amount",
      code: "amount_too_large",
    });
  }
  const card = cardForNumber(String(world.store.hidden(charge.id).card ?? ""));
  // The asynchronous-refund test cards keep their documented behaviour whenever they are refunded.
  const reversal = card.refund === undefined && world.now() - capturedAt(world, charge) < REFUND_REVERSAL_WINDOW;
  const id = newId("re");
  const txn = addBalanceTransaction(world, {
    amount: -amount,
    currency,
    type: "refund",
    reportingCategory: "refund",
    source: id,
    description: "REFUND FOR CHARGE",
  });
  const refund: StripeObject = {
    id,
    object: "refund",
    amount,
    balance_transaction: txn.id,
    charge: charge.id,
    created: world.now(),
    currency,
    customer: charge.customer ?? null,
    customer_account: null,
    destination_details: {
      card: reversal
        ? { reference: null, reference_status: "unavailable", reference_type: null, type: "reversal" }
        : { reference: null, reference_status: "pending", reference_type: "acquirer_reference_number", type: "refund" },
      type: "card",
    },
    metadata: mergeMetadata({}, p.metadata),
    payment_intent: charge.payment_intent ?? null,
    payment_method: charge.payment_method ?? null,
    reason: p.reason ?? null,
    receipt_number: null,
    source_transfer_reversal: null,
    status: card.refund === "pending" ? "pending" : "succeeded",
    transfer_reversal: null,
  };
  if (refund.status === "pending") refund.pending_reason = "processing";
  world.store.insert(refund, {});
  world.emit("refund.created", refund);
  const previous = syncCharge(world, charge);
  world.emit("charge.refunded", charge, previous);
  if (card.refund === "pending") world.store.schedule(world.now() + REFUND_SETTLE_DELAY, "refund.settle", id);
  if (card.refund === "fail") world.store.schedule(world.now() + REFUND_SETTLE_DELAY, "refund.fail", id);
  if (!reversal) world.store.schedule(world.now() + REFUND_ARN_DELAY, "refund.arn", id);
  return refund;
}

/** When the charge was captured: its balance transaction is written at capture. */
function capturedAt(world: World, charge: StripeObject): number {
  const txn = typeof charge.balance_transaction === "string" ? world.store.getOf("balance_transaction", charge.balance_transaction) : null;
  return Number(txn?.created ?? charge.created);
}

function announce(world: World, refund: StripeObject, previous: Record<string, unknown>, failed = false): void {
  if (failed) world.emit("refund.failed", refund, previous);
  world.emit("refund.updated", refund, previous);
  world.emit("charge.refund.updated", refund, previous);
}

export function runRefundTask(world: World, kind: string, ref: string): void {
  const refund = world.store.getOf("refund", ref);
  if (!refund) return;
  if (kind === "refund.settle" && refund.status === "pending") {
    const previous = world.update(refund, { status: "succeeded" });
    previous.pending_reason = refund.pending_reason;
    delete refund.pending_reason;
    announce(world, refund, previous);
  } else if (kind === "refund.fail" && refund.status === "succeeded") {
    const txn = addBalanceTransaction(world, {
      amount: Number(refund.amount),
      currency: String(refund.currency),
      type: "refund_failure",
      reportingCategory: "refund_failure",
      source: refund.id,
      description: "REFUND FAILURE",
    });
    const details = { card: { reference: null, reference_status: "unavailable", reference_type: "acquirer_reference_number", type: "refund" }, type: "card" };
    const previous = world.update(refund, { status: "failed", failure_reason: "expired_or_canceled_card", failure_balance_transaction: txn.id, destination_details: details });
    announce(world, refund, previous, true);
    const charge = world.store.getOf("charge", String(refund.charge));
    if (charge) syncCharge(world, charge);
  } else if (kind === "refund.arn" && refund.status === "succeeded") {
    const arn = `7${Array.from({ length: 22 }, () => Math.floor(Math.random() * 10)).join("")}`;
    const details = { card: { reference: arn, reference_status: "available", reference_type: "acquirer_reference_number", type: "refund" }, type: "card" };
    announce(world, refund, world.update(refund, { destination_details: details }));
  }
}

function findRefund(world: World, id: string): StripeObject {
  const refund = world.store.getOf("refund", id);
  if (!refund) throw resourceMissing("refund", id);
  return refund;
}

export function registerRefunds(router: Router): void {
  router.post("/v1/refunds", (r) => create(r.world, r.input));
  router.get("/v1/refunds", (r) => {
    const p = parse(z.object({ charge: str.optional(), payment_intent: str.optional() }), r.input);
    const items = r.world.store
      .where("refund", (x) => (p.charge === undefined || x.charge === p.charge) && (p.payment_intent === undefined || x.payment_intent === p.payment_intent));
    return listOf(r.world.store, items, r.input, "/v1/refunds");
  });
  router.get("/v1/refunds/:id", (r) => findRefund(r.world, r.params.id ?? ""));
  router.post("/v1/refunds/:id", (r) => {
    const refund = findRefund(r.world, r.params.id ?? "");
    const p = parse(z.object({ metadata: metadata.optional() }), r.input);
    const previous = r.world.update(refund, { metadata: mergeMetadata(refund.metadata as Record<string, string>, p.metadata) });
    if (Object.keys(previous).length > 0) r.world.emit("refund.updated", refund, previous);
    return refund;
  });
  const cancelOnlyRequiresAction = (r: { world: World; params: Record<string, string> }, verb: string) => {
    const refund = findRefund(r.world, r.params.id ?? "");
    if (refund.status !== "requires_action") {
      throw invalidRequest(`You can only ${verb} refunds with a status of requires_action; this refund is ${String(refund.status)}.`);
    }
    const previous = r.world.update(refund, { status: "canceled", failure_reason: "merchant_request" });
    r.world.emit("refund.updated", refund, previous);
    return refund;
  };
  router.post("/v1/refunds/:id/cancel", (r) => cancelOnlyRequiresAction(r, "cancel"));
  router.post("/v1/test_helpers/refunds/:id/expire", (r) => cancelOnlyRequiresAction(r, "expire"));
  router.get("/v1/charges/:charge/refunds", (r) => {
    findCharge(r.world, r.params.charge ?? "", "charge");
    const items = r.world.store.where("refund", (x) => x.charge === r.params.charge);
    return listOf(r.world.store, items, r.input, `/v1/charges/${r.params.charge}/refunds`);
  });
}
