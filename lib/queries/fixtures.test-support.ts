// Rows for query tests, inserted the way the projectors leave them (only the columns lists read).
import { db } from "@/lib/db";

const base = { livemode: false, data: {}, syncedAt: new Date() };

export interface PaymentSeed {
  id: string;
  created: Date;
  status?: string;
  amount?: bigint;
  amountReceived?: bigint;
  amountRefunded?: bigint;
  currency?: string;
  customerEmail?: string | null;
  cardLast4?: string | null;
  latestChargeId?: string | null;
  lastPaymentErrorCode?: string | null;
  disputed?: boolean;
  hasEarlyFraudWarning?: boolean;
}

export async function insertPayments(seeds: PaymentSeed[]): Promise<void> {
  await db().paymentIntent.createMany({
    data: seeds.map((s) => ({
      ...base,
      id: s.id,
      created: s.created,
      status: s.status ?? "succeeded",
      amount: s.amount ?? 1000n,
      amountReceived: s.amountReceived ?? (s.status && s.status !== "succeeded" ? 0n : (s.amount ?? 1000n)),
      amountRefunded: s.amountRefunded ?? 0n,
      currency: s.currency ?? "usd",
      customerEmail: s.customerEmail ?? null,
      cardLast4: s.cardLast4 ?? null,
      latestChargeId: s.latestChargeId ?? null,
      lastPaymentErrorCode: s.lastPaymentErrorCode ?? null,
      disputed: s.disputed ?? false,
      hasEarlyFraudWarning: s.hasEarlyFraudWarning ?? false,
    })),
  });
}

export const minutesAgo = (now: Date, minutes: number) => new Date(now.getTime() - minutes * 60_000);
