// A customer's history in money: what they spent, what was refunded and disputed, per currency
// (amounts in different currencies are never added), and their latest refunds and disputes.
// Refunds and disputes name a payment, not a customer, so they are found through its payments.
// sum() of a bigint is numeric in PostgreSQL, so each sum is cast back to stay an integer.
import { db } from "@/lib/db";

export interface CurrencyTotals {
  currency: string;
  /** Succeeded payments. */
  payments: number;
  /** What those payments took, in minor units. */
  spent: bigint;
  refunded: bigint;
  /** spent − refunded. */
  net: bigint;
  disputes: number;
  disputed: bigint;
}

export interface CustomerRefund {
  id: string;
  created: Date;
  amount: bigint;
  currency: string;
  status: string;
  paymentIntentId: string | null;
}

export interface CustomerDispute {
  id: string;
  created: Date;
  amount: bigint;
  currency: string;
  status: string;
  reason: string;
}

export interface CustomerMoney {
  totals: CurrencyTotals[];
  refunds: CustomerRefund[];
  disputes: CustomerDispute[];
}

const LATEST = 10;

export async function customerMoney(customerId: string): Promise<CustomerMoney> {
  const [payments, disputeTotals, refunds, disputes] = await Promise.all([
    db().$queryRaw<Array<{ currency: string; payments: bigint; spent: bigint | null; refunded: bigint | null }>>`
      SELECT currency, count(*) AS payments, sum(amount_received)::bigint AS spent, sum(amount_refunded)::bigint AS refunded
      FROM payment_intents WHERE customer_id = ${customerId} AND status = 'succeeded'
      GROUP BY currency`,
    db().$queryRaw<Array<{ currency: string; disputes: bigint; disputed: bigint | null }>>`
      SELECT currency, count(*) AS disputes, sum(amount)::bigint AS disputed FROM disputes
      WHERE payment_intent_id IN (SELECT id FROM payment_intents WHERE customer_id = ${customerId})
        -- As in dispute analytics and the Payments list: Stripe stopped a prevented one before it was a chargeback.
        AND status <> 'prevented'
      GROUP BY currency`,
    db().$queryRaw<CustomerRefund[]>`
      SELECT id, created, amount, currency, status, payment_intent_id AS "paymentIntentId" FROM refunds
      WHERE payment_intent_id IN (SELECT id FROM payment_intents WHERE customer_id = ${customerId})
      ORDER BY created DESC, id DESC LIMIT ${LATEST}`,
    db().$queryRaw<CustomerDispute[]>`
      SELECT id, created, amount, currency, status, reason FROM disputes
      WHERE payment_intent_id IN (SELECT id FROM payment_intents WHERE customer_id = ${customerId})
      ORDER BY created DESC, id DESC LIMIT ${LATEST}`,
  ]);
  const byCurrency = new Map<string, CurrencyTotals>();
  const totalsOf = (currency: string) => {
    let totals = byCurrency.get(currency);
    if (!totals) byCurrency.set(currency, (totals = { currency, payments: 0, spent: 0n, refunded: 0n, net: 0n, disputes: 0, disputed: 0n }));
    return totals;
  };
  for (const row of payments) {
    const totals = totalsOf(row.currency);
    totals.payments = Number(row.payments);
    totals.spent = row.spent ?? 0n;
    totals.refunded = row.refunded ?? 0n;
    totals.net = totals.spent - totals.refunded;
  }
  for (const row of disputeTotals) {
    const totals = totalsOf(row.currency);
    totals.disputes = Number(row.disputes);
    totals.disputed = row.disputed ?? 0n;
  }
  return { totals: [...byCurrency.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1)), refunds, disputes };
}
