// What a payout's failure_code means for the merchant, and what to do about it. The codes are
// Stripe's payout failure list (docs.stripe.com/api/payouts/failures); Stripe's own
// failure_message is kept beside these words, since it can say more about one case.

export interface PayoutFailureWords {
  /** What went wrong, in one sentence a person understands. */
  what: string;
  /** What the merchant can do next. */
  next: string;
}

const UPDATE_BANK = "Check the bank account details in Stripe's Dashboard (Settings → Payouts) and correct them; Stripe then retries.";

const WORDS: Readonly<Record<string, PayoutFailureWords>> = {
  account_closed: { what: "The bank account has been closed.", next: "Add an open bank account in Stripe's Dashboard." },
  account_frozen: { what: "The bank has frozen the account.", next: "Ask your bank why, or add another account in Stripe's Dashboard." },
  bank_account_restricted: {
    what: "The bank account does not accept this kind of payment.",
    next: "Ask your bank to allow incoming transfers from Stripe, or add another account.",
  },
  bank_ownership_changed: {
    what: "The bank says the account now belongs to someone else, or was moved to another branch or bank.",
    next: UPDATE_BANK,
  },
  could_not_process: { what: "The bank could not process this payout.", next: "Stripe retries; if it fails again, ask your bank or Stripe support." },
  debit_not_authorized: {
    what: "The bank refused Stripe's debit on this account (debits are not allowed on it).",
    next: "Ask your bank to allow debits from Stripe, or add another account.",
  },
  declined: { what: "The bank declined the payout.", next: "Ask your bank why, or add another account in Stripe's Dashboard." },
  incorrect_account_holder_address: { what: "The account holder's address does not match the bank's records.", next: UPDATE_BANK },
  incorrect_account_holder_name: { what: "The account holder's name does not match the bank's records.", next: UPDATE_BANK },
  incorrect_account_holder_tax_id: { what: "The account holder's tax ID does not match the bank's records.", next: UPDATE_BANK },
  insufficient_funds: {
    what: "Your Stripe balance could not cover the payout (for example after refunds or disputes).",
    next: "Wait for more funds to become available; the next payout includes this amount.",
  },
  invalid_account_number: { what: "The bank account number is not valid, or the account cannot receive this currency.", next: UPDATE_BANK },
  invalid_currency: { what: "The bank cannot receive payouts in this currency.", next: "Add a bank account in this currency in Stripe's Dashboard." },
  no_account: { what: "No bank account exists with these details.", next: UPDATE_BANK },
  unsupported_card: { what: "The debit card no longer accepts payouts.", next: "Add another card or a bank account in Stripe's Dashboard." },
};

/** Words for a failed payout; an unknown code still gets a plain sentence and Stripe's message. */
export function describePayoutFailure(code: string | null, stripeMessage: string | null): PayoutFailureWords & { code: string | null; stripeMessage: string | null } {
  const known = code ? WORDS[code] : undefined;
  return {
    code,
    stripeMessage,
    what: known?.what ?? "The bank returned the payout.",
    next: known?.next ?? "Stripe's message below says why; contact Stripe support if it is unclear.",
  };
}

export const PAYOUT_FAILURE_CODES: readonly string[] = Object.keys(WORDS);
