// Why a card payment failed, in words. The decline codes are those of Stripe's "Decline codes" page
// (docs.stripe.com/declines/codes); the error codes a failed payment carries without a decline
// code come from its "Error codes" page (docs.stripe.com/error-codes). Labels are short, for a
// table cell; what to do next is lib/stripe/errors.ts's job when an action fails.
import { words } from "./statuses";

const DECLINE_CODES: Record<string, string> = {
  authentication_required: "Needs authentication (3-D Secure)",
  approve_with_id: "Could not be authorized",
  call_issuer: "Declined: customer should call their bank",
  card_not_supported: "Card does not support this purchase",
  card_velocity_exceeded: "Card limit exceeded",
  currency_not_supported: "Card does not support this currency",
  do_not_honor: "Declined by the bank, no reason given",
  do_not_try_again: "Declined: do not try again",
  duplicate_transaction: "Duplicate of a recent payment",
  expired_card: "Card expired",
  fraudulent: "Suspected fraud",
  generic_decline: "Declined, no reason given",
  incorrect_number: "Incorrect card number",
  incorrect_cvc: "Incorrect security code (CVC)",
  incorrect_pin: "Incorrect PIN",
  incorrect_zip: "Incorrect postal code",
  insufficient_funds: "Insufficient funds",
  invalid_account: "Card or account not valid",
  invalid_amount: "Amount not valid for this card",
  invalid_cvc: "Incorrect security code (CVC)",
  invalid_expiry_month: "Incorrect expiry month",
  invalid_expiry_year: "Incorrect expiry year",
  invalid_number: "Incorrect card number",
  invalid_pin: "Incorrect PIN",
  issuer_not_available: "Bank could not be reached",
  lost_card: "Card reported lost",
  merchant_blacklist: "Blocked by the merchant's block list",
  new_account_information_available: "Card details out of date",
  no_action_taken: "Declined, no reason given",
  not_permitted: "Payment not permitted",
  offline_pin_required: "PIN required",
  online_or_offline_pin_required: "PIN required",
  pickup_card: "Card cannot be used (reported lost or stolen)",
  pin_try_exceeded: "Too many PIN attempts",
  processing_error: "Processing error",
  reenter_transaction: "Bank could not process it; try again",
  restricted_card: "Card restricted",
  revocation_of_all_authorizations: "Customer stopped all payments",
  revocation_of_authorization: "Customer stopped this payment",
  security_violation: "Declined by the bank, no reason given",
  service_not_allowed: "Card does not allow this payment",
  stolen_card: "Card reported stolen",
  stop_payment_order: "Customer stopped this payment",
  testmode_decline: "Test card used in live mode",
  transaction_not_allowed: "Card does not allow this payment",
  try_again_later: "Declined for now; try again later",
  withdrawal_count_limit_exceeded: "Card limit exceeded",
};

// Error codes a PaymentIntent's last_payment_error carries; card_declined defers to its decline code.
const ERROR_CODES: Record<string, string> = {
  card_declined: "Card declined",
  expired_card: "Card expired",
  incorrect_cvc: "Incorrect security code (CVC)",
  incorrect_number: "Incorrect card number",
  incorrect_zip: "Incorrect postal code",
  invalid_cvc: "Incorrect security code (CVC)",
  invalid_expiry_month: "Incorrect expiry month",
  invalid_expiry_year: "Incorrect expiry year",
  invalid_number: "Incorrect card number",
  processing_error: "Processing error",
  authentication_required: "Needs authentication (3-D Secure)",
  payment_intent_authentication_failure: "Customer did not complete authentication",
  card_decline_rate_limit_exceeded: "Declined too often; wait 24 hours",
};

/** A decline code in words; an unknown one still reads as words, never as a raw code. */
export function declineCodeLabel(declineCode: string): string {
  return DECLINE_CODES[declineCode] ?? words(declineCode);
}

/** Why a payment failed: the decline code when Stripe gave one, else the error code; "—" if neither. */
export function paymentFailureLabel(errorCode: string | null | undefined, declineCode?: string | null): string {
  if (declineCode) return declineCodeLabel(declineCode);
  if (!errorCode) return "—";
  return ERROR_CODES[errorCode] ?? DECLINE_CODES[errorCode] ?? words(errorCode);
}
