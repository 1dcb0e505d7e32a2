// Stripe's and our own status codes in words, one label per code wherever it appears. A code we do
// not know yet still reads as words ("new_status" → "New status") rather than as a raw code.
import type { PaymentBadge } from "@/lib/queries/payment-status";

/** "requires_payment_method" → "Requires payment method": the fallback for codes without a label. */
export function words(code: string): string {
  const spaced = code.replace(/[_.]+/g, " ").trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function label(table: Record<string, string>, code: string | null | undefined): string {
  if (!code) return "—";
  return table[code] ?? words(code);
}

/** Lower-case for use inside a sentence: "This dispute is under review". */
function inSentence(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

// What a member of staff calls a payment's state (lib/queries/payment-status.ts decides which applies).
const PAYMENT_BADGE: Record<PaymentBadge, string> = {
  succeeded: "Succeeded",
  failed: "Failed",
  needs_authentication: "Needs authentication",
  refunded: "Refunded",
  partially_refunded: "Partially refunded",
  disputed: "Disputed",
  early_fraud_warning: "Early fraud warning",
  canceled: "Canceled",
  incomplete: "Incomplete",
  processing: "Processing",
  uncaptured: "Uncaptured",
};
export const paymentBadgeLabel = (badge: PaymentBadge) => PAYMENT_BADGE[badge];

// PaymentIntent.status (stripe types: PaymentIntent.Status).
const PAYMENT_INTENT: Record<string, string> = {
  requires_payment_method: "Waiting for a payment method",
  requires_confirmation: "Waiting for confirmation",
  requires_action: "Needs authentication",
  processing: "Processing",
  requires_capture: "Authorized, not captured",
  canceled: "Canceled",
  succeeded: "Succeeded",
};
export const paymentIntentStatusLabel = (status: string | null | undefined) => label(PAYMENT_INTENT, status);
export const paymentIntentStatusInSentence = (status: string) => inSentence(paymentIntentStatusLabel(status));

// Refund.status, Refund.reason, Refund.failure_reason, Refund.pending_reason.
const REFUND: Record<string, string> = { pending: "Pending", requires_action: "Needs action", succeeded: "Succeeded", failed: "Failed", canceled: "Canceled" };
const REFUND_REASON: Record<string, string> = {
  duplicate: "Duplicate payment",
  fraudulent: "Fraudulent",
  requested_by_customer: "Requested by the customer",
  expired_uncaptured_charge: "Uncaptured charge expired",
};
const REFUND_FAILURE: Record<string, string> = {
  lost_or_stolen_card: "Card lost or stolen",
  expired_or_canceled_card: "Card expired or canceled",
  charge_for_pending_refund_disputed: "Charge disputed while the refund was pending",
  insufficient_funds: "Insufficient funds",
  declined: "Declined by the card issuer",
  merchant_request: "Canceled at the merchant's request",
  unknown: "Unknown reason",
};
export const refundStatusLabel = (status: string | null | undefined) => label(REFUND, status);
export const refundReasonLabel = (reason: string | null | undefined) => label(REFUND_REASON, reason);
export const refundFailureLabel = (reason: string | null | undefined) => label(REFUND_FAILURE, reason);

// Dispute.status and Dispute.reason.
const DISPUTE: Record<string, string> = {
  needs_response: "Needs response",
  warning_needs_response: "Inquiry: needs response",
  under_review: "Under review",
  warning_under_review: "Inquiry: under review",
  won: "Won",
  lost: "Lost",
  warning_closed: "Inquiry closed",
  prevented: "Prevented",
};
const DISPUTE_REASON: Record<string, string> = {
  bank_cannot_process: "Bank cannot process",
  check_returned: "Check returned",
  credit_not_processed: "Credit not processed",
  customer_initiated: "Customer initiated",
  debit_not_authorized: "Debit not authorized",
  duplicate: "Duplicate",
  fraudulent: "Fraudulent",
  general: "General",
  incorrect_account_details: "Incorrect account details",
  insufficient_funds: "Insufficient funds",
  noncompliant: "Noncompliant",
  product_not_received: "Product not received",
  product_unacceptable: "Product unacceptable",
  subscription_canceled: "Subscription canceled",
  unrecognized: "Unrecognized",
};
export const disputeStatusLabel = (status: string | null | undefined) => label(DISPUTE, status);
export const disputeStatusInSentence = (status: string) => inSentence(disputeStatusLabel(status));
export const disputeReasonLabel = (reason: string | null | undefined) => label(DISPUTE_REASON, reason);

// Payout.status and Payout.method.
const PAYOUT: Record<string, string> = { paid: "Paid", pending: "Pending", in_transit: "In transit", canceled: "Canceled", failed: "Failed" };
const PAYOUT_METHOD: Record<string, string> = { standard: "Standard", instant: "Instant" };
export const payoutStatusLabel = (status: string | null | undefined) => label(PAYOUT, status);
export const payoutMethodLabel = (method: string | null | undefined) => label(PAYOUT_METHOD, method ?? "standard");

// Our event log: how an event was processed and how it reached us.
const EVENT: Record<string, string> = { processed: "Processed", failed: "Failed", received: "Received", ignored: "Not handled" };
const EVENT_SOURCE: Record<string, string> = { webhook: "webhook", catch_up: "catch-up", replay: "replay" };
export const eventStatusLabel = (status: string | null | undefined) => label(EVENT, status);
export const eventSourceLabel = (source: string) => EVENT_SOURCE[source] ?? words(source).toLowerCase();

// Our audit log: what became of a staff action.
const STAFF_ACTION: Record<string, string> = { succeeded: "Succeeded", failed: "Failed", pending: "Pending", needs_authentication: "Needs authentication" };
export const staffActionStatusLabel = (status: string | null | undefined) => label(STAFF_ACTION, status);

// Radar.EarlyFraudWarning.fraud_type and Charge.outcome.risk_level.
const FRAUD_TYPE: Record<string, string> = {
  card_never_received: "Card never received",
  fraudulent_card_application: "Fraudulent card application",
  made_with_counterfeit_card: "Made with a counterfeit card",
  made_with_lost_card: "Made with a lost card",
  made_with_stolen_card: "Made with a stolen card",
  misc: "Other fraud",
  unauthorized_use_of_card: "Unauthorized use of the card",
};
const RISK_LEVEL: Record<string, string> = { normal: "Normal", elevated: "Elevated", highest: "Highest", not_assessed: "Not assessed", unknown: "Unknown" };
export const fraudTypeLabel = (type: string | null | undefined) => label(FRAUD_TYPE, type);
export const riskLevelLabel = (level: string | null | undefined) => label(RISK_LEVEL, level);

// Objects the backfill copies, by their list names.
const RESOURCE: Record<string, string> = {
  customers: "customers",
  payment_intents: "payments",
  charges: "charges",
  refunds: "refunds",
  disputes: "disputes",
  payouts: "payouts",
  balance_transactions: "balance transactions",
  setup_intents: "saved-card set-ups",
  early_fraud_warnings: "early fraud warnings",
  payout_links: "payout links",
  payment_methods: "saved cards",
};
export const resourceLabel = (resource: string) => RESOURCE[resource] ?? words(resource).toLowerCase();

// BalanceTransaction.reporting_category / type, as the reconciliation lists them.
const BALANCE_TRANSACTION: Record<string, string> = {
  charge: "Charges",
  payment: "Payments",
  refund: "Refunds",
  refund_failure: "Failed refunds",
  dispute: "Disputes",
  dispute_reversal: "Dispute reversals",
  adjustment: "Adjustments",
  fee: "Fees",
  stripe_fee: "Stripe fees",
  payout: "Payouts",
  payout_reversal: "Payout reversals",
  transfer: "Transfers",
  other_adjustment: "Other adjustments",
};
export const balanceTransactionLabel = (type: string | null | undefined) => label(BALANCE_TRANSACTION, type);

// A card payment's details (Charge.payment_method_details.card): checks, funding and wallet.
const CARD_CHECK: Record<string, string> = { pass: "Passed", fail: "Failed", unavailable: "Unavailable", unchecked: "Not checked" };
const CARD_FUNDING: Record<string, string> = { credit: "Credit", debit: "Debit", prepaid: "Prepaid", unknown: "Unknown" };
const WALLET: Record<string, string> = {
  amex_express_checkout: "Amex Express Checkout",
  apple_pay: "Apple Pay",
  google_pay: "Google Pay",
  link: "Link",
  masterpass: "Masterpass",
  samsung_pay: "Samsung Pay",
  visa_checkout: "Visa Checkout",
};
/** A check Stripe did not run reads "Not checked", as the Dashboard shows a null check. */
export const cardCheckLabel = (check: string | null | undefined) => (check ? label(CARD_CHECK, check) : "Not checked");
export const cardFundingLabel = (funding: string | null | undefined) => label(CARD_FUNDING, funding);
export const walletLabel = (wallet: string | null | undefined) => (wallet ? label(WALLET, wallet) : "None");
