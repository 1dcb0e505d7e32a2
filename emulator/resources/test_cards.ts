// Stripe's documented test cards (FACTS.md §4) and the behaviour each one triggers.
export type Decline = { code: string; decline_code?: string; message: string };

export type TestCard = {
  number: string;
  brand: "visa" | "mastercard" | "amex" | "discover" | "jcb" | "unionpay" | "diners";
  funding: "credit" | "debit" | "prepaid";
  country: string;
  /** Declined when charged (and, for the listed decline cards, when attached). */
  decline?: Decline;
  declineOnAttach?: boolean;
  /** Charges and attachments blocked by Radar. */
  radarBlock?: boolean;
  /** none | on_setup: authenticate unless set up first | always: every payment authenticates. */
  auth?: "none" | "on_setup" | "always";
  dispute?: "fraudulent" | "product_not_received" | "inquiry" | "multiple";
  earlyFraudWarning?: boolean;
  refund?: "pending" | "fail";
  bypassPending?: boolean;
  /** Declines with incorrect_cvc only when a CVC was supplied. */
  cvcDecline?: boolean;
};

const generic: Decline = { code: "card_declined", decline_code: "generic_decline", message: "Your card was declined." };

const cards: TestCard[] = [
  { number: "4242424242424242", brand: "visa", funding: "credit", country: "US" },
  { number: "4000056655665556", brand: "visa", funding: "debit", country: "US" },
  { number: "5555555555554444", brand: "mastercard", funding: "credit", country: "US" },
  { number: "2223003122003222", brand: "mastercard", funding: "credit", country: "US" },
  { number: "5200828282828210", brand: "mastercard", funding: "debit", country: "US" },
  { number: "378282246310005", brand: "amex", funding: "credit", country: "US" },
  { number: "371449635398431", brand: "amex", funding: "credit", country: "US" },
  { number: "6011111111111117", brand: "discover", funding: "credit", country: "US" },
  { number: "3566002020360505", brand: "jcb", funding: "credit", country: "JP" },
  { number: "6200000000000005", brand: "unionpay", funding: "credit", country: "CN" },
  { number: "3056930009020004", brand: "diners", funding: "credit", country: "US" },
  { number: "4000000760000002", brand: "visa", funding: "credit", country: "BR" },
  { number: "4000001240000000", brand: "visa", funding: "credit", country: "CA" },
  { number: "4000008260000000", brand: "visa", funding: "credit", country: "GB" },
  { number: "4000002760000016", brand: "visa", funding: "credit", country: "DE" },
  { number: "4000003920000003", brand: "visa", funding: "credit", country: "JP" },
  { number: "4000000000000002", brand: "visa", funding: "credit", country: "US", decline: generic, declineOnAttach: true },
  { number: "4000000000009995", brand: "visa", funding: "credit", country: "US", declineOnAttach: true,
    decline: { code: "card_declined", decline_code: "insufficient_funds", message: "Your card has insufficient funds." } },
  { number: "4000000000009987", brand: "visa", funding: "credit", country: "US", declineOnAttach: true,
    decline: { code: "card_declined", decline_code: "lost_card", message: "Your card was declined." } },
  { number: "4000000000009979", brand: "visa", funding: "credit", country: "US", declineOnAttach: true,
    decline: { code: "card_declined", decline_code: "stolen_card", message: "Your card was declined." } },
  { number: "4000000000000069", brand: "visa", funding: "credit", country: "US", declineOnAttach: true,
    decline: { code: "expired_card", decline_code: "expired_card", message: "Your card has expired." } },
  { number: "4000000000000127", brand: "visa", funding: "credit", country: "US", declineOnAttach: true, cvcDecline: true,
    decline: { code: "incorrect_cvc", decline_code: "incorrect_cvc", message: "Your card's security code is incorrect." } },
  { number: "4000000000000119", brand: "visa", funding: "credit", country: "US", declineOnAttach: true,
    decline: { code: "processing_error", decline_code: "processing_error", message: "An error occurred while processing your card. Try again in a little bit." } },
  { number: "4000000000000341", brand: "visa", funding: "credit", country: "US", decline: generic },
  { number: "4100000000000019", brand: "visa", funding: "credit", country: "US", radarBlock: true,
    decline: { code: "card_declined", decline_code: "fraudulent", message: "Your card was declined." } },
  { number: "4000002500003155", brand: "visa", funding: "credit", country: "IE", auth: "on_setup" },
  { number: "4000002760003184", brand: "visa", funding: "credit", country: "DE", auth: "always" },
  { number: "4000003800000446", brand: "visa", funding: "credit", country: "IE", auth: "none" },
  { number: "4000000000000259", brand: "visa", funding: "credit", country: "US", dispute: "fraudulent" },
  { number: "4000000000002685", brand: "visa", funding: "credit", country: "US", dispute: "product_not_received" },
  { number: "4000000000001976", brand: "visa", funding: "credit", country: "US", dispute: "inquiry" },
  { number: "4000000404000079", brand: "visa", funding: "credit", country: "US", dispute: "multiple" },
  { number: "4000000000005423", brand: "visa", funding: "credit", country: "US", earlyFraudWarning: true },
  { number: "4000000000007726", brand: "visa", funding: "credit", country: "US", refund: "pending" },
  { number: "4000000000005126", brand: "visa", funding: "credit", country: "US", refund: "fail" },
  { number: "4000000000000077", brand: "visa", funding: "credit", country: "US", bypassPending: true },
  { number: "4000003720000278", brand: "visa", funding: "credit", country: "GB", bypassPending: true },
];

const byNumber = new Map(cards.map((c) => [c.number, c]));

/** `pm_card_*` / `tok_*` names and the number each stands for. */
const tokenNumbers: Record<string, string> = {
  visa: "4242424242424242",
  visa_debit: "4000056655665556",
  mastercard: "5555555555554444",
  mastercard_debit: "5200828282828210",
  amex: "378282246310005",
  discover: "6011111111111117",
  jcb: "3566002020360505",
  unionpay: "6200000000000005",
  diners: "3056930009020004",
  br: "4000000760000002",
  ca: "4000001240000000",
  gb: "4000008260000000",
  de: "4000002760000016",
  jp: "4000003920000003",
  chargeDeclined: "4000000000000002",
  visa_chargeDeclined: "4000000000000002",
  chargeDeclinedInsufficientFunds: "4000000000009995",
  visa_chargeDeclinedInsufficientFunds: "4000000000009995",
  chargeDeclinedLostCard: "4000000000009987",
  visa_chargeDeclinedLostCard: "4000000000009987",
  chargeDeclinedStolenCard: "4000000000009979",
  visa_chargeDeclinedStolenCard: "4000000000009979",
  chargeDeclinedExpiredCard: "4000000000000069",
  chargeDeclinedIncorrectCvc: "4000000000000127",
  chargeDeclinedProcessingError: "4000000000000119",
  chargeCustomerFail: "4000000000000341",
  radarBlock: "4100000000000019",
  authenticationRequiredOnSetup: "4000002500003155",
  authenticationRequired: "4000002760003184",
  threeDSecure2Required: "4000002760003184",
  authenticationRequiredSetupForOffSession: "4000003800000446",
  createDispute: "4000000000000259",
  createDisputeProductNotReceived: "4000000000002685",
  createDisputeInquiry: "4000000000001976",
  createMultipleDisputes: "4000000404000079",
  createIssuerFraudRecord: "4000000000005423",
  pendingRefund: "4000000000007726",
  refundFail: "4000000000005126",
  bypassPending: "4000000000000077",
  bypassPendingInternational: "4000003720000278",
};

export function luhnValid(number: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = number.length - 1; i >= 0; i--) {
    let digit = Number(number[i]);
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return sum % 10 === 0;
}

function brandOf(number: string): TestCard["brand"] {
  if (/^3[47]/.test(number)) return "amex";
  if (/^(5[1-5]|2[2-7])/.test(number)) return "mastercard";
  if (/^6(011|5)/.test(number)) return "discover";
  if (/^35/.test(number)) return "jcb";
  if (/^62/.test(number)) return "unionpay";
  if (/^3[0689]/.test(number)) return "diners";
  return "visa";
}

/** The behaviour of any valid card number; unknown numbers behave like a plain success card. */
export function cardForNumber(number: string): TestCard {
  return byNumber.get(number) ?? { number, brand: brandOf(number), funding: "credit", country: "US" };
}

/** Resolves `pm_card_visa`, `tok_visa`, `tok_chargeDeclined`… to a card number. */
export function numberForToken(token: string): string | undefined {
  const name = token.startsWith("pm_card_") ? token.slice(8) : token.startsWith("tok_") ? token.slice(4) : null;
  if (name === null) return undefined;
  return tokenNumbers[name];
}

export const allTestCards: ReadonlyArray<TestCard> = cards;
export const allTokenNames: ReadonlyArray<string> = Object.keys(tokenNumbers);
