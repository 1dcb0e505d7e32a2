import "server-only";
import { stripe } from "@/lib/stripe/client";
import type { RecordDependencies } from "./record";
import type { StripeObject } from "./stripe-object";

/** What projections need to ask Stripe, through the app's one client. */
export function stripeRecordDependencies(): RecordDependencies {
  return {
    fetchPayoutBalanceTransactions: async (payoutId) => {
      const transactions: StripeObject[] = [];
      for await (const bt of stripe().balanceTransactions.list({ payout: payoutId, limit: 100 })) {
        transactions.push(bt as unknown as StripeObject);
      }
      return transactions;
    },
  };
}
