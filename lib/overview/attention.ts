// What needs someone today: actionable early fraud warnings (refund before it becomes a dispute)
// and the latest failed payments.
import { db } from "@/lib/db";

export interface FraudWarningRow {
  id: string;
  created: Date;
  fraudType: string;
  chargeId: string | null;
  paymentIntentId: string | null;
  amount: bigint | null;
  amountRefunded: bigint | null;
  currency: string | null;
  customerEmail: string | null;
}

export async function actionableFraudWarnings(limit = 10): Promise<FraudWarningRow[]> {
  return db().$queryRaw<FraudWarningRow[]>`
    SELECT e.id, e.created, e.fraud_type AS "fraudType", e.charge_id AS "chargeId",
           COALESCE(e.payment_intent_id, c.payment_intent_id) AS "paymentIntentId",
           c.amount, c.amount_refunded AS "amountRefunded", c.currency, p.customer_email AS "customerEmail"
      FROM (SELECT * FROM early_fraud_warnings WHERE actionable ORDER BY created DESC, id DESC LIMIT ${limit}) e
      LEFT JOIN charges c ON c.id = e.charge_id
      LEFT JOIN payment_intents p ON p.id = COALESCE(e.payment_intent_id, c.payment_intent_id)
     ORDER BY e.created DESC, e.id DESC`;
}

export interface FailedPaymentRow {
  id: string;
  created: Date;
  amount: bigint;
  currency: string;
  customerEmail: string | null;
  cardLast4: string | null;
  lastPaymentErrorCode: string | null;
  lastPaymentErrorDeclineCode: string | null;
  lastPaymentErrorMessage: string | null;
}

export async function recentFailedPayments(limit = 8): Promise<FailedPaymentRow[]> {
  return db().$queryRaw<FailedPaymentRow[]>`
    SELECT id, created, amount, currency, customer_email AS "customerEmail", card_last4 AS "cardLast4",
           last_payment_error_code AS "lastPaymentErrorCode", last_payment_error_decline_code AS "lastPaymentErrorDeclineCode",
           last_payment_error_message AS "lastPaymentErrorMessage"
      FROM payment_intents
     WHERE status = 'requires_payment_method' AND last_payment_error_code IS NOT NULL
     ORDER BY created DESC, id DESC LIMIT ${limit}`;
}
