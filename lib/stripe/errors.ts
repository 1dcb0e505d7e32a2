/**
 * Turns whatever a Stripe call threw into a sentence a member of staff can act on. Raw Stripe
 * messages, request ids and stack traces never reach the browser: they go to the server log, and
 * the `requestId` is kept so support can find the call in Stripe's dashboard.
 */

export interface StaffFacingError {
  /** Safe to show in the browser. */
  message: string;
  /** Stable key for the UI (e.g. to offer "send the customer a link" on authentication_required). */
  code: string;
  /** Whether trying again later may work (rate limit, network, Stripe outage). */
  retryable: boolean;
  requestId: string | null;
}

const DECLINE_MESSAGES: Record<string, string> = {
  insufficient_funds: "The card was declined: insufficient funds. Ask the customer for another card.",
  lost_card: "The card was declined: the bank reports it lost. Do not retry; ask for another card.",
  stolen_card: "The card was declined: the bank reports it stolen. Do not retry; ask for another card.",
  expired_card: "The card has expired. Ask the customer to save a current card.",
  incorrect_cvc: "The card's security code (CVC) was wrong. Ask the customer to enter the card again.",
  processing_error: "The card network had a processing error. Try again in a few minutes.",
  fraudulent: "The payment was blocked as likely fraud. Do not retry.",
  do_not_honor: "The bank declined the card without giving a reason. Ask the customer to contact their bank.",
  generic_decline: "The bank declined the card without giving a reason. Ask the customer to contact their bank.",
  card_velocity_exceeded: "The card has hit its spending limit. Ask the customer for another card.",
  withdrawal_count_limit_exceeded: "The card has hit its spending limit. Ask the customer for another card.",
};

const CODE_MESSAGES: Record<string, string> = {
  authentication_required:
    "The bank wants the customer to authenticate this payment (3-D Secure). Send the customer a payment link so they can approve it.",
  amount_too_large: "That amount is more than what is left to refund on this payment.",
  amount_too_small: "That amount is below Stripe's minimum for this currency.",
  charge_already_refunded: "This payment has already been refunded in full.",
  charge_disputed: "This payment is disputed; it cannot be refunded outside the dispute. Respond to the dispute instead.",
  refund_disputed_payment: "This payment is disputed; it cannot be refunded outside the dispute. Respond to the dispute instead.",
  balance_insufficient: "The Stripe balance is too low for this.",
  resource_missing: "Stripe does not know this object. It may have been deleted, or belongs to another account or mode.",
  payment_intent_unexpected_state: "This payment changed state in the meantime. Reload the page and try again.",
  expired_card: DECLINE_MESSAGES.expired_card!,
  incorrect_cvc: DECLINE_MESSAGES.incorrect_cvc!,
  processing_error: DECLINE_MESSAGES.processing_error!,
  card_decline_rate_limit_exceeded: "This card was declined too often recently. Wait 24 hours before trying it again.",
  lock_timeout: "Stripe is busy with another change to this object. Try again in a moment.",
  rate_limit: "Stripe is receiving too many requests right now. Try again in a moment.",
  idempotency_key_in_use: "The same action is already being processed. Wait a moment and reload.",
};

interface StripeLikeError {
  type?: unknown;
  code?: unknown;
  decline_code?: unknown;
  statusCode?: unknown;
  requestId?: unknown;
  message?: unknown;
}

function str(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

/** Maps an error thrown by the Stripe SDK (or anything else) to a staff-facing description. */
export function describeStripeError(error: unknown): StaffFacingError {
  const e = (typeof error === "object" && error !== null ? error : {}) as StripeLikeError;
  const type = str(e.type);
  const code = str(e.code);
  const decline = str(e.decline_code);
  const requestId = str(e.requestId);
  const result = (message: string, key: string, retryable = false): StaffFacingError => ({
    message,
    code: key,
    retryable,
    requestId,
  });

  switch (type) {
    case "StripeCardError": {
      if (code === "authentication_required" || decline === "authentication_required") {
        return result(CODE_MESSAGES.authentication_required!, "authentication_required");
      }
      if (decline && DECLINE_MESSAGES[decline]) return result(DECLINE_MESSAGES[decline], decline, decline === "processing_error");
      if (code && CODE_MESSAGES[code]) return result(CODE_MESSAGES[code], code, code === "processing_error");
      return result(DECLINE_MESSAGES.generic_decline!, decline ?? code ?? "card_declined");
    }
    case "StripeRateLimitError":
      return result(CODE_MESSAGES[code ?? "rate_limit"] ?? CODE_MESSAGES.rate_limit!, code ?? "rate_limit", true);
    case "StripeConnectionError":
      return result("Could not reach Stripe. Check the network and try again; nothing was changed twice.", "connection", true);
    case "StripeAuthenticationError":
      // A rolled key keeps working for nobody: say so, rather than suggest a typo.
      if (code === "api_key_expired") {
        return result("Stripe says our API key has expired or was rolled. An admin needs to put the current key in STRIPE_SECRET_KEY and restart Ledgerline.", "api_key_expired");
      }
      return result("Stripe refused our API key. An admin needs to check STRIPE_SECRET_KEY.", "authentication");
    case "StripePermissionError": {
      // Stripe names the missing permission (`rak_refund_write`); the name is no secret and is
      // exactly what an admin grants in the Dashboard.
      const permission = /'(rak_[a-z_]+)'/.exec(str(e.message) ?? "")?.[1];
      if (permission) {
        return result(
          `Our restricted Stripe key lacks the permission ${permission}. An admin needs to grant it to the key in Stripe's Dashboard (Developers → API keys), or run \`npm run stripe:check\` to see every permission Ledgerline needs.`,
          "permission",
        );
      }
      return result("Our Stripe key is not allowed to do this. An admin needs to grant the permission to the restricted key.", "permission");
    }
    case "StripeIdempotencyError":
      return result("This action was already sent with different details. Reload the page and start again.", "idempotency");
    case "StripeInvalidRequestError":
      if (code && CODE_MESSAGES[code]) return result(CODE_MESSAGES[code], code);
      return result("Stripe rejected the request. Check the details and try again.", code ?? "invalid_request");
    case "StripeAPIError":
      if (code && CODE_MESSAGES[code]) return result(CODE_MESSAGES[code], code, true);
      return result("Stripe had a problem on its side. Try again in a few minutes.", "stripe_unavailable", true);
    default:
      return result("Something went wrong while talking to Stripe. Try again, or ask an admin to check the server log.", "unknown");
  }
}

/** A short line for the server log, with the detail staff do not see. */
export function logLineForStripeError(error: unknown): string {
  const e = (typeof error === "object" && error !== null ? error : {}) as StripeLikeError;
  return [str(e.type), str(e.code), str(e.decline_code), str(e.requestId), str(e.message)].filter(Boolean).join(" | ");
}
