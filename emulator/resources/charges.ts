import { z } from "zod";
import { resourceMissing } from "../core/errors";
import { newId, randomToken } from "../core/ids";
import { listOf } from "../core/list";
import { mergeMetadata, metadata, parse } from "../core/params";
import { registerVirtualField } from "../core/render";
import type { Router } from "../core/router";
import type { StripeObject } from "../core/store";
import type { World } from "../core/world";
import { addBalanceTransaction, DAY } from "./balance";
import { cardForNumber, type Decline, type TestCard } from "./test_cards";

export type ChargeAttempt = {
  paymentIntent: StripeObject;
  paymentMethod: StripeObject;
  card: TestCard;
  decline: Decline | null;
  authenticated: boolean;
};

function outcome(attempt: ChargeAttempt): Record<string, unknown> {
  const { decline, card } = attempt;
  if (!decline) {
    return {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: "approved_by_network",
      reason: null,
      risk_level: card.earlyFraudWarning ? "elevated" : "normal",
      risk_score: card.earlyFraudWarning ? 67 : 20,
      seller_message: "Payment complete.",
      type: "authorized",
    };
  }
  if (card.radarBlock) {
    return {
      advice_code: "do_not_try_again",
      network_advice_code: null,
      network_decline_code: null,
      network_status: "not_sent_to_network",
      reason: "highest_risk_level",
      risk_level: "highest",
      risk_score: 95,
      seller_message: "Stripe blocked this payment as too risky.",
      type: "blocked",
    };
  }
  return {
    advice_code: decline.decline_code === "processing_error" ? "try_again_later" : "do_not_try_again",
    network_advice_code: null,
    network_decline_code: null,
    network_status: "declined_by_network",
    reason: decline.decline_code ?? decline.code,
    risk_level: "normal",
    risk_score: 20,
    seller_message: "The bank did not return any further details with this decline.",
    type: "issuer_declined",
  };
}

function cardDetails(pm: StripeObject, amount: number, authenticated: boolean, succeeded: boolean): Record<string, unknown> {
  const card = pm.card as Record<string, unknown>;
  return {
    amount_authorized: succeeded ? amount : null,
    authorization_code: succeeded ? randomToken(6).toUpperCase() : null,
    brand: card.brand,
    checks: card.checks,
    country: card.country,
    exp_month: card.exp_month,
    exp_year: card.exp_year,
    extended_authorization: { status: "disabled" },
    fingerprint: card.fingerprint,
    funding: card.funding,
    incremental_authorization: { status: "unavailable" },
    installments: null,
    last4: card.last4,
    mandate: null,
    multicapture: { status: "unavailable" },
    network: card.brand,
    network_token: { used: false },
    network_transaction_id: succeeded ? randomToken(15) : null,
    overcapture: { maximum_amount_capturable: amount, status: "unavailable" },
    regulated_status: card.regulated_status,
    three_d_secure: authenticated
      ? {
          authentication_flow: "challenge",
          electronic_commerce_indicator: "05",
          exemption_indicator: null,
          result: "authenticated",
          result_reason: null,
          transaction_id: crypto.randomUUID(),
          version: "2.2.0",
        }
      : null,
    // Only some networks return a transaction link id (Mastercard); the emulator models none.
    transaction_link_id: null,
    wallet: null,
  };
}

/** Records a card charge attempt for a PaymentIntent; a successful one also moves money. */
export function createCharge(world: World, attempt: ChargeAttempt): StripeObject {
  const { paymentIntent: pi, paymentMethod: pm, decline, card } = attempt;
  const amount = Number(pi.amount);
  const currency = String(pi.currency);
  const succeeded = decline === null;
  const id = newId("ch");
  const capture = pi.capture_method !== "manual";
  // Asynchronous capture (the default capture method since API 2024-04-10): the charge succeeds
  // without its balance transaction, which follows with charge.updated (attachBalanceTransaction).
  const async = pi.capture_method === "automatic_async";
  let balanceTransaction: string | null = null;
  if (succeeded && capture && !async) balanceTransaction = chargeBalanceTransaction(world, id, pi, amount, card).id;
  const charge: StripeObject = {
    id,
    object: "charge",
    amount,
    amount_captured: succeeded && capture ? amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: balanceTransaction,
    billing_details: structuredClone(pm.billing_details),
    calculated_statement_descriptor: "LEDGERLINE",
    captured: succeeded && capture,
    created: world.now(),
    currency,
    customer: pi.customer ?? null,
    description: pi.description ?? null,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: decline ? decline.code : null,
    failure_message: decline ? decline.message : null,
    fraud_details: {},
    livemode: world.livemode,
    metadata: structuredClone(pi.metadata ?? {}),
    on_behalf_of: null,
    outcome: outcome(attempt),
    paid: succeeded,
    payment_intent: pi.id,
    payment_method: pm.id,
    payment_method_details: { card: cardDetails(pm, amount, attempt.authenticated, succeeded), type: "card" },
    receipt_email: pi.receipt_email ?? null,
    receipt_number: null,
    receipt_url: succeeded ? `${world.baseUrl}/receipts/payment/${id}` : null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: succeeded ? "succeeded" : "failed",
    transfer_data: null,
    transfer_group: null,
  };
  world.store.insert(charge, { card: card.number });
  world.emit(succeeded ? "charge.succeeded" : "charge.failed", charge);
  if (succeeded && capture && async) {
    world.store.schedule(world.now() + world.store.settings.balanceTransactionDelaySeconds, "charge.balance_transaction", id);
  }
  return charge;
}

/** The balance transaction of a captured amount, in the settlement currency, with Stripe's processing fee. */
export function chargeBalanceTransaction(world: World, chargeId: string, pi: StripeObject, amount: number, card: TestCard): StripeObject {
  return addBalanceTransaction(world, {
    amount,
    currency: String(pi.currency),
    type: "charge",
    reportingCategory: "charge",
    source: chargeId,
    description: (pi.description as string | null) ?? null,
    fee: "processing",
    availableOn: card.bypassPending ? world.now() : world.now() + 2 * DAY,
  });
}

/** Scheduled: an asynchronously captured charge gets its balance transaction, announced by charge.updated. */
export function attachBalanceTransaction(world: World, chargeId: string): void {
  const charge = world.store.getOf("charge", chargeId);
  if (!charge || charge.balance_transaction !== null || charge.captured !== true) return;
  const pi = world.store.getOf("payment_intent", String(charge.payment_intent));
  if (!pi) return;
  const card = cardForNumber(String(world.store.hidden(charge.id).card ?? ""));
  const txn = chargeBalanceTransaction(world, charge.id, pi, Number(charge.amount_captured), card);
  const previous = world.update(charge, { balance_transaction: txn.id });
  world.emit("charge.updated", charge, previous);
}

export function findCharge(world: World, id: string, param = "id"): StripeObject {
  const charge = world.store.getOf("charge", id);
  if (!charge) throw resourceMissing("charge", id, param);
  return charge;
}

export function registerCharges(router: Router): void {
  registerVirtualField("charge", "refunds", (charge, store) => {
    const data = store
      .all("refund")
      .filter((r) => r.charge === charge.id)
      .reverse();
    return { object: "list", data: structuredClone(data), has_more: false, total_count: data.length, url: `/v1/charges/${charge.id}/refunds` };
  });
  router.get("/v1/charges", (r) => {
    const p = parse(z.object({ customer: z.string().optional(), payment_intent: z.string().optional() }), r.input);
    const items = r.world.store
      .where("charge", (c) => (p.customer === undefined || c.customer === p.customer) && (p.payment_intent === undefined || c.payment_intent === p.payment_intent));
    return listOf(r.world.store, items, r.input, "/v1/charges");
  });
  router.get("/v1/charges/:id", (r) => findCharge(r.world, r.params.id ?? ""));
  router.post("/v1/charges/:id", (r) => {
    const charge = findCharge(r.world, r.params.id ?? "");
    const p = parse(z.object({ metadata: metadata.optional(), description: z.string().optional(), receipt_email: z.string().optional() }), r.input);
    const changes: Record<string, unknown> = {};
    if (p.metadata !== undefined) changes.metadata = mergeMetadata(charge.metadata as Record<string, string>, p.metadata);
    if (p.description !== undefined) changes.description = p.description || null;
    if (p.receipt_email !== undefined) changes.receipt_email = p.receipt_email || null;
    const previous = r.world.update(charge, changes);
    if (Object.keys(previous).length > 0) r.world.emit("charge.updated", charge, previous);
    return charge;
  });
}
