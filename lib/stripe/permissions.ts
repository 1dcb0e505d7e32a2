/**
 * The least a restricted key (`rk_…`) must grant for everything Ledgerline does, resource by
 * resource, in Stripe's permission names (a refusal names the missing one as `rak_<resource>_<level>`).
 * Write includes read. The README lists the same set; the end-to-end suite runs once with a
 * restricted key holding exactly this and nothing more, and `npm run stripe:check` probes it.
 */
export type PermissionLevel = "read" | "write";

export const REQUIRED_PERMISSIONS = {
  balance: "read", // the overview and the refund warning above the available balance
  balance_transaction_source: "read", // fees and payout reconciliation
  charge: "read", // payment details, backfill
  customer: "write", // staff create and edit customers
  dispute: "write", // evidence, accepting a dispute
  event: "read", // catch-up of missed webhooks
  file: "write", // evidence files
  payment_intent: "write", // charging saved cards, capture, cancel
  payment_method: "write", // detaching a card, choosing the default
  payout: "read", // payouts pages
  radar_early_fraud_warning: "read", // backfill of fraud warnings
  refund: "write", // refunds
  setup_intent: "write", // card links for customers
  webhook: "write", // `npm run webhooks:setup` creates and updates this deployment's endpoint
} as const satisfies Record<string, PermissionLevel>;

export type RequiredResource = keyof typeof REQUIRED_PERMISSIONS;
