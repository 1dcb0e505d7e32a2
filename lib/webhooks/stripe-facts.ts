import "server-only";
import { stripe } from "@/lib/stripe/client";
import type { RecordDependencies } from "./record";
import type { StripeObject } from "./stripe-object";

/**
 * GET /v1/<objects>/:id for each object type the webhook projects: for events whose snapshots tie
 * within one second, and for events rendered in another API version (other-version.ts).
 */
const RETRIEVE: Readonly<Record<string, (id: string) => Promise<unknown>>> = {
  customer: (id) => stripe().customers.retrieve(id),
  payment_method: (id) => stripe().paymentMethods.retrieve(id),
  setup_intent: (id) => stripe().setupIntents.retrieve(id),
  payment_intent: (id) => stripe().paymentIntents.retrieve(id),
  charge: (id) => stripe().charges.retrieve(id),
  refund: (id) => stripe().refunds.retrieve(id),
  dispute: (id) => stripe().disputes.retrieve(id),
  payout: (id) => stripe().payouts.retrieve(id),
  "radar.early_fraud_warning": (id) => stripe().radar.earlyFraudWarnings.retrieve(id),
};

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
    fetchBalanceTransaction: async (id) => (await stripe().balanceTransactions.retrieve(id)) as unknown as StripeObject,
    listChargeRefunds: async (chargeId) => {
      const refunds: StripeObject[] = [];
      for await (const refund of stripe().refunds.list({ charge: chargeId, limit: 100 })) refunds.push(refund as unknown as StripeObject);
      return refunds;
    },
    fetchCurrentObject: async (objectType, id) => {
      const retrieve = RETRIEVE[objectType];
      if (!retrieve) throw new Error(`No way to fetch a ${objectType} from Stripe`);
      return (await retrieve(id)) as StripeObject;
    },
  };
}
