import type { StripeObject } from "../stripe-object";
import { storeBalanceTransaction } from "./balance-transaction";
import { projectCharge } from "./charge";
import { projectCustomer } from "./customer";
import { projectDispute } from "./dispute";
import { projectEarlyFraudWarning } from "./early-fraud-warning";
import { projectPaymentIntent } from "./payment-intent";
import { projectPaymentMethod } from "./payment-method";
import { projectPayout } from "./payout";
import { projectRefund } from "./refund";
import { projectSetupIntent } from "./setup-intent";
import type { Projector } from "./types";

export type { ProjectionInput, Projector } from "./types";
export { PAYOUT_RECONCILED_EVENTS, payoutIsItemisable } from "./payout";

/**
 * One projector per Stripe object type, chosen by `data.object.object` rather than by event type:
 * every event about a charge carries the whole charge, so one projector covers them all, and
 * objects read from list APIs (catch-up, backfill) go through the same code.
 */
export const PROJECTORS: Readonly<Record<string, Projector>> = {
  customer: projectCustomer,
  payment_method: projectPaymentMethod,
  setup_intent: projectSetupIntent,
  payment_intent: projectPaymentIntent,
  charge: projectCharge,
  refund: projectRefund,
  dispute: projectDispute,
  payout: projectPayout,
  balance_transaction: (tx, { object, stamp }) => storeBalanceTransaction(tx, object, stamp),
  "radar.early_fraud_warning": projectEarlyFraudWarning,
};

export function projectorFor(object: StripeObject): Projector | null {
  return typeof object.object === "string" ? (PROJECTORS[object.object] ?? null) : null;
}

/**
 * The events the webhook endpoint subscribes to (FACTS §0: Stripe's recommended list plus what the
 * dashboard's pages need, and what a mirror of charges needs to see an authorisation captured,
 * released or changed outside the app: emulator/README.md, "Stripe facts learnt here"). Anything
 * else Stripe sends is stored and acknowledged.
 */
export const WEBHOOK_EVENT_TYPES = [
  "charge.succeeded",
  "charge.failed",
  "charge.captured",
  "charge.expired",
  "charge.updated",
  "charge.refunded",
  "charge.refund.updated",
  "charge.dispute.created",
  "charge.dispute.updated",
  "charge.dispute.closed",
  "charge.dispute.funds_withdrawn",
  "charge.dispute.funds_reinstated",
  "refund.created",
  "refund.updated",
  "refund.failed",
  "payout.created",
  "payout.updated",
  "payout.paid",
  "payout.failed",
  "payout.canceled",
  "payout.reconciliation_completed",
  "payment_intent.succeeded",
  "payment_intent.payment_failed",
  "payment_intent.canceled",
  "payment_intent.requires_action",
  "payment_intent.amount_capturable_updated",
  "setup_intent.succeeded",
  "setup_intent.setup_failed",
  "payment_method.attached",
  "payment_method.detached",
  "customer.created",
  "customer.updated",
  "customer.deleted",
  "radar.early_fraud_warning.created",
  "radar.early_fraud_warning.updated",
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
