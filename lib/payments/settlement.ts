import { db } from "@/lib/db";
import { formatExchangeRate, formatMoney } from "@/lib/money";
import { isRecord } from "@/lib/webhooks/stripe-object";

/**
 * Where a charge's money landed: its balance transaction, in the account's settlement currency,
 * which need not be the charge's (a €100 charge on a US account settles as dollars, with the rate).
 */
export type ChargeSettlement =
  | { state: "none" }
  /** Captured, but Stripe has not written its balance transaction yet (asynchronous capture). */
  | { state: "pending" }
  | { state: "settled"; currency: string; amount: bigint; fee: bigint; net: bigint; exchangeRate: number | null };

interface ChargeLike {
  status: string;
  captured: boolean;
  balanceTransactionId: string | null;
}

export async function chargeSettlement(charge: ChargeLike | null): Promise<ChargeSettlement> {
  if (!charge || charge.status !== "succeeded" || !charge.captured) return { state: "none" };
  const bt = charge.balanceTransactionId ? await db().balanceTransaction.findUnique({ where: { id: charge.balanceTransactionId } }) : null;
  if (!bt) return { state: "pending" };
  const rate = isRecord(bt.data) && typeof bt.data.exchange_rate === "number" ? bt.data.exchange_rate : null;
  return { state: "settled", currency: bt.currency, amount: bt.amount, fee: bt.fee, net: bt.net, exchangeRate: rate };
}

/** The payment page's fee and net lines, each in the currency it is in. */
export function settlementLines(chargeCurrency: string, settlement: ChargeSettlement, locale = "en-US"): { fee: string; net: string; rate: string | null } {
  if (settlement.state === "none") return { fee: "—", net: "—", rate: null };
  if (settlement.state === "pending") return { fee: "Fees pending", net: "Fees pending", rate: null };
  const { currency, fee, net, exchangeRate } = settlement;
  const converted = currency !== chargeCurrency.toLowerCase();
  return {
    fee: formatMoney(fee, currency, locale),
    net: formatMoney(net, currency, locale),
    rate: converted && exchangeRate !== null ? `Settled as ${formatMoney(settlement.amount, currency, locale)} at ${formatExchangeRate(chargeCurrency, currency, exchangeRate, locale)}` : null,
  };
}
