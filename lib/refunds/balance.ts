import { stripe } from "@/lib/stripe/client";

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
