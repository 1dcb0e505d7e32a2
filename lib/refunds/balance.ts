import { db } from "@/lib/db";
import { convertAmount } from "@/lib/money";
import { stripe } from "@/lib/stripe/client";
import { isRecord } from "@/lib/webhooks/stripe-object";

/**
 * The available balance in one currency, read from Stripe (our tables do not know what other
 * activity moved it). Null when Stripe cannot be asked: the refund then goes ahead and Stripe
 * decides, rather than blocking staff on a read.
 */
export async function availableBalance(currency: string): Promise<bigint | null> {
  try {
    const balance = await stripe().balance.retrieve();
    const entry = balance.available.find((b) => b.currency === currency.toLowerCase());
    return BigInt(entry?.amount ?? 0);
  } catch (error) {
    console.error("could not read the Stripe balance", error);
    return null;
  }
}

export interface SettlementOfPayment {
  /** The balance the payment's money went to, and a refund comes out of. */
  currency: string;
  /** Settlement units per unit of the payment's currency; null when none was converted. */
  exchangeRate: number | null;
}

/**
 * Which balance a payment's refund draws on: that of its charge's balance transaction, which is in
 * the account's settlement currency, not necessarily the payment's. Read from our mirror, else from
 * Stripe; null while Stripe has not written it yet (asynchronous capture) or cannot be asked.
 */
export async function settlementOfPayment(paymentIntentId: string): Promise<SettlementOfPayment | null> {
  const payment = await db().paymentIntent.findUnique({ where: { id: paymentIntentId }, select: { latestChargeId: true } });
  const charge = payment?.latestChargeId ? await db().charge.findUnique({ where: { id: payment.latestChargeId }, select: { id: true, balanceTransactionId: true } }) : null;
  if (!charge) return null;
  const held = charge.balanceTransactionId ? await db().balanceTransaction.findUnique({ where: { id: charge.balanceTransactionId } }) : null;
  if (held) return { currency: held.currency, exchangeRate: rateOf(held.data) };
  try {
    const fresh = await stripe().charges.retrieve(charge.id, { expand: ["balance_transaction"] });
    const bt = fresh.balance_transaction;
    return bt && typeof bt === "object" ? { currency: bt.currency, exchangeRate: bt.exchange_rate } : null;
  } catch (error) {
    console.error("could not read the charge's balance transaction", error);
    return null;
  }
}

function rateOf(data: unknown): number | null {
  return isRecord(data) && typeof data.exchange_rate === "number" ? data.exchange_rate : null;
}

export interface BalanceShortfall {
  currency: string;
  /** The refund in the settlement currency, at the charge's rate (Stripe converts at today's). */
  needed: bigint;
  available: bigint;
}

/** Whether a refund of `amount` (in the payment's currency) is more than the balance it draws on. */
export async function refundBalanceShortfall(paymentIntentId: string, amount: bigint, currency: string): Promise<BalanceShortfall | null> {
  const settlement = await settlementOfPayment(paymentIntentId);
  if (!settlement) return null;
  const available = await availableBalance(settlement.currency);
  if (available === null) return null;
  const needed = convertAmount(amount, currency, settlement.currency, settlement.exchangeRate);
  return needed > available ? { currency: settlement.currency, needed, available } : null;
}
