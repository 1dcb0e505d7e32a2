// The account balance per currency. Stripe's balance endpoint is the truth; it is cached briefly
// because the overview is opened often and the figure is informational (nothing is decided on it
// here; refunds check it again). If Stripe cannot be reached, the last balance.available event
// stored is shown with its time, so the page still says something true.
import "server-only";
import { db } from "@/lib/db";
import { stripe } from "@/lib/stripe/client";

export interface BalanceAmount {
  currency: string;
  available: bigint;
  pending: bigint;
}

export interface BalanceSnapshot {
  amounts: BalanceAmount[];
  source: "stripe" | "last_event" | "unavailable";
  asOf: Date | null;
}

const CACHE_MS = 30_000;
let cached: { at: number; value: BalanceSnapshot } | null = null;

interface StripeBalanceLike {
  available?: Array<{ amount: number; currency: string }>;
  pending?: Array<{ amount: number; currency: string }>;
}

export function balanceAmounts(balance: StripeBalanceLike): BalanceAmount[] {
  const byCurrency = new Map<string, BalanceAmount>();
  const entry = (currency: string) => {
    const existing = byCurrency.get(currency);
    if (existing) return existing;
    const created = { currency, available: 0n, pending: 0n };
    byCurrency.set(currency, created);
    return created;
  };
  for (const a of balance.available ?? []) entry(a.currency).available += BigInt(a.amount);
  for (const p of balance.pending ?? []) entry(p.currency).pending += BigInt(p.amount);
  return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

export async function accountBalance(): Promise<BalanceSnapshot> {
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.value;
  try {
    const balance = await stripe().balance.retrieve({}, { timeout: 3000, maxNetworkRetries: 0 });
    const value: BalanceSnapshot = { amounts: balanceAmounts(balance), source: "stripe", asOf: new Date() };
    cached = { at: Date.now(), value };
    return value;
  } catch {
    return lastKnownBalance();
  }
}

async function lastKnownBalance(): Promise<BalanceSnapshot> {
  const rows = await db().$queryRaw<{ payload: unknown; created: Date }[]>`
    SELECT payload, created FROM stripe_events WHERE type = 'balance.available' ORDER BY created DESC, id DESC LIMIT 1`;
  const row = rows[0];
  const object = (row?.payload as { data?: { object?: StripeBalanceLike } } | undefined)?.data?.object;
  if (!row || !object) return { amounts: [], source: "unavailable", asOf: null };
  return { amounts: balanceAmounts(object), source: "last_event", asOf: row.created };
}
