import { z } from "zod";
import { invalidRequest, resourceMissing } from "../core/errors";
import { newId } from "../core/ids";
import { listOf } from "../core/list";
import { parse } from "../core/params";
import type { Router } from "../core/router";
import type { StripeObject } from "../core/store";
import type { World } from "../core/world";
import { currencyExponent, settle } from "./settlement";

export { currencyExponent };

/**
 * Amount rules Stripe applies to charges, PaymentIntents and refunds alike (docs.stripe.com/currencies,
 * "Special cases"): three-decimal currencies only in tens of the minor unit, ISK only in whole
 * kronur (multiples of 100, since ISK is still sent with two decimals).
 */
export function amountProblem(amount: number, currency: string): { message: string; code: string } | null {
  if (currencyExponent(currency) === 3 && amount % 10 !== 0) {
    return { message: `Invalid amount: ${currency.toUpperCase()} amounts must be divisible by 10 (the last digit must be 0).`, code: "invalid_amount" };
  }
  if (currency === "isk" && amount % 100 !== 0) {
    return {
      message: "Invalid amount. ISK is a zero-decimal currency and amounts must be evenly divisible by 100. See https://stripe.com/docs/currencies#special-cases for more information.",
      code: "invalid_charge_amount_no_decimal_compatible",
    };
  }
  return null;
}

/** Stripe's standard card pricing: 2.9% + 30¢, scaled to the currency's minor unit. */
export function processingFee(amount: number, currency: string): number {
  const exponent = currencyExponent(currency);
  const fixed = exponent === 0 ? 0 : 30 * 10 ** (exponent - 2);
  return Math.round(amount * (exponent === 0 ? 0.036 : 0.029)) + fixed;
}

export const DAY = 86_400;

export function disputeFee(currency: string): number {
  const exponent = currencyExponent(currency);
  return exponent === 0 ? 2_000 : 15 * 10 ** exponent;
}

export type NewBalanceTransaction = {
  /** In the currency of the object that moved the money; converted to a settlement currency here. */
  amount: number;
  currency: string;
  type: string;
  reportingCategory: string;
  source: string | null;
  description: string | null;
  /** Stripe's fee, charged in the settlement currency: card processing or a dispute's fee. */
  fee?: "processing" | "dispute";
  availableOn?: number;
};

const FEE_DESCRIPTION = { processing: "Stripe processing fees", dispute: "Dispute fee" } as const;

export function addBalanceTransaction(world: World, t: NewBalanceTransaction): StripeObject {
  const now = world.now();
  const settled = settle(world, t.amount, t.currency);
  const fee = t.fee === "processing" ? processingFee(Math.abs(settled.amount), settled.currency) : t.fee === "dispute" ? disputeFee(settled.currency) : 0;
  const availableOn = t.availableOn ?? now;
  const txn: StripeObject = {
    id: newId("txn"),
    object: "balance_transaction",
    amount: settled.amount,
    available_on: availableOn,
    balance_type: "payments",
    created: now,
    currency: settled.currency,
    description: t.description,
    exchange_rate: settled.exchangeRate,
    fee,
    fee_details: t.fee && fee
      ? [{ amount: fee, application: null, currency: settled.currency, description: FEE_DESCRIPTION[t.fee], type: "stripe_fee" }]
      : [],
    net: settled.amount - fee,
    reporting_category: t.reportingCategory,
    source: t.source,
    status: availableOn <= now ? "available" : "pending",
    type: t.type,
  };
  return world.store.insert(txn, { payout: null });
}

/** Moves funds whose `available_on` has passed to available; Stripe then sends balance.available. */
export function settleBalance(world: World): void {
  const now = world.now();
  let changed = false;
  for (const txn of world.store.all("balance_transaction")) {
    if (txn.status === "pending" && Number(txn.available_on) <= now) {
      txn.status = "available";
      world.store.touch(txn.id);
      changed = true;
    }
  }
  if (changed) {
    world.emit("balance.available", balanceObject(world));
  }
}

export function availableAmount(world: World, currency: string): number {
  let sum = 0;
  for (const txn of world.store.all("balance_transaction")) {
    if (txn.currency === currency && txn.status === "available") sum += Number(txn.net);
  }
  return sum;
}

export function balanceObject(world: World): Record<string, unknown> {
  const available = new Map<string, number>();
  const pending = new Map<string, number>();
  for (const txn of world.store.all("balance_transaction")) {
    const currency = String(txn.currency);
    const bucket = txn.status === "available" ? available : pending;
    bucket.set(currency, (bucket.get(currency) ?? 0) + Number(txn.net));
    const other = bucket === available ? pending : available;
    other.set(currency, other.get(currency) ?? 0);
  }
  if (available.size === 0) {
    const currency = world.store.settings.defaultCurrency;
    available.set(currency, 0);
    pending.set(currency, 0);
  }
  const entries = (m: Map<string, number>) =>
    [...m.entries()].sort().map(([currency, amount]) => ({ amount, currency, source_types: { card: amount } }));
  return { object: "balance", available: entries(available), livemode: world.livemode, pending: entries(pending) };
}

const listParams = z.object({
  payout: z.string().optional(),
  type: z.string().optional(),
  source: z.string().optional(),
  currency: z.string().optional(),
});

export function registerBalance(router: Router): void {
  router.get("/v1/balance", (r) => {
    settleBalance(r.world);
    return balanceObject(r.world);
  });
  router.get("/v1/balance_transactions", (r) => {
    settleBalance(r.world);
    const p = parse(listParams, r.input);
    const store = r.world.store;
    const payout = p.payout === undefined ? undefined : store.getOf("payout", p.payout);
    // Stripe itemises only the payouts its schedule made, and only once it has reconciled them.
    if (payout && payout.automatic !== true) {
      throw invalidRequest("Balance transaction history can only be filtered on automatic transfers, not manual.");
    }
    if (payout && payout.reconciliation_status !== "completed") return listOf(store, [], r.input, "/v1/balance_transactions");
    const items = store.where("balance_transaction", (t) => {
      if (p.type !== undefined && t.type !== p.type) return false;
      if (p.source !== undefined && t.source !== p.source) return false;
      if (p.currency !== undefined && t.currency !== p.currency) return false;
      if (p.payout !== undefined && store.hidden(t.id).payout !== p.payout && t.source !== p.payout) return false;
      return true;
    });
    return listOf(store, items, r.input, "/v1/balance_transactions");
  });
  router.get("/v1/balance_transactions/:id", (r) => {
    settleBalance(r.world);
    const txn = r.world.store.getOf("balance_transaction", r.params.id ?? "");
    if (!txn) throw resourceMissing("balance transaction", r.params.id ?? "");
    return txn;
  });
}
