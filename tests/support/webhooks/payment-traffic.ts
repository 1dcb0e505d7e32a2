import { exampleObject, stripeEvent } from "./events";
import type { StripeEventEnvelope } from "@/lib/webhooks/event";

/**
 * The events of one card payment as Stripe sends them, for the webhook benchmark's "payments" mix:
 * most events a merchant receives are payment intents and charges, and they are what writes the
 * Payments list's row, the charge with its balance transaction, the summaries and the activity
 * buckets. Every third payment is refunded in part. Each event of a story is one second after the
 * previous one, so no two snapshots of an object share a second (a tie would fetch from Stripe, and
 * the benchmark runs without it); the balance transaction comes expanded for the same reason.
 */
export function paymentStory(tag: string, n: number, created: number): StripeEventEnvelope[] {
  const customerId = `cus_${tag}_${n}`;
  const paymentIntentId = `pi_${tag}_${n}`;
  const chargeId = `ch_${tag}_${n}`;
  const amount = 1000 + (n % 50) * 100;
  const currency = n % 10 === 0 ? "eur" : "usd";
  const fee = Math.round(amount * 0.029) + 30;
  const card = { brand: n % 9 === 0 ? "mastercard" : "visa", last4: String(4242 + (n % 5000)).padStart(4, "0").slice(-4), fingerprint: `fp_${tag}_${n % 500}`, exp_month: 12, exp_year: 2030, country: "US", funding: "credit" };

  const paymentIntent = (status: string, at: number, latestCharge: string | null, received: number) =>
    exampleObject("payment_intent", { id: paymentIntentId, created, amount, amount_received: received, currency, customer: customerId, payment_method: `pm_${tag}_${n}`, latest_charge: latestCharge, status, last_payment_error: null, description: `Order ${n}`, receipt_email: `c${n}@example.com`, metadata: { at } });
  const balanceTransaction = exampleObject("balance_transaction", { id: `txn_${tag}_${n}`, created: created + 2, available_on: created + 2 + 2 * 86_400, amount, currency, fee, net: amount - fee, source: chargeId, status: "pending", type: "charge", reporting_category: "charge", description: null, exchange_rate: null, fee_details: [] });
  const charge = (at: number, refunded: number) =>
    exampleObject("charge", {
      id: chargeId, created: created + 2, amount, amount_captured: amount, amount_refunded: refunded, currency, customer: customerId,
      payment_intent: paymentIntentId, payment_method: `pm_${tag}_${n}`, balance_transaction: balanceTransaction, status: "succeeded",
      paid: true, captured: true, refunded: refunded === amount, disputed: false, failure_code: null, failure_message: null,
      billing_details: { address: null, email: `c${n}@example.com`, name: `Customer ${n}`, phone: null },
      payment_method_details: { type: "card", card }, refunds: { object: "list", data: [], has_more: false, total_count: 0, url: `/v1/charges/${chargeId}/refunds` },
      outcome: { type: "authorized", network_status: "approved_by_network", risk_level: "normal", risk_score: n % 100, seller_message: "Payment complete.", reason: null },
      metadata: { at },
    });

  const events = [
    stripeEvent("customer.created", created, exampleObject("customer", { id: customerId, created, email: `c${n}@example.com`, name: `Customer ${n}`, metadata: {} })),
    stripeEvent("payment_intent.created", created + 1, paymentIntent("requires_payment_method", created + 1, null, 0)),
    stripeEvent("charge.succeeded", created + 2, charge(created + 2, 0)),
    stripeEvent("payment_intent.succeeded", created + 3, paymentIntent("succeeded", created + 3, chargeId, amount)),
  ];
  if (n % 3 === 0) {
    const refunded = Math.min(300, amount);
    events.push(
      stripeEvent("refund.created", created + 4, exampleObject("refund", { id: `re_${tag}_${n}`, created: created + 4, amount: refunded, currency, charge: chargeId, payment_intent: paymentIntentId, balance_transaction: null, status: "succeeded", reason: "requested_by_customer", metadata: {} })),
      stripeEvent("charge.refunded", created + 5, charge(created + 5, refunded)),
    );
  }
  return events;
}
