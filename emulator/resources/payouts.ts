import { z } from "zod";
import { invalidRequest, resourceMissing } from "../core/errors";
import { newId } from "../core/ids";
import { listOf } from "../core/list";
import { int, mergeMetadata, metadata, parse, rangeFilter, str } from "../core/params";
import { inRange } from "../core/list";
import type { Router } from "../core/router";
import type { StripeObject } from "../core/store";
import type { World } from "../core/world";
import { addBalanceTransaction, availableAmount, DAY, settleBalance } from "./balance";

/** A payout is submitted to the bank this long after creation, and lands on `arrival_date`. */
export const PAYOUT_SUBMIT_DELAY = 60;
/**
 * An automatic payout is reconciled (its transactions listable) this long after it is paid. Stripe
 * gives no figure; an hour keeps an app from assuming the list is ready at payout.paid.
 */
export const PAYOUT_RECONCILE_DELAY = 3_600;
const ARRIVAL_DELAY = DAY;

// Stripe's failing test bank account numbers and what they fail with.
const FAILING_ACCOUNTS: Record<string, { code: string; message: string }> = {
  "000111111116": { code: "no_account", message: "The bank account details on file are probably incorrect. No bank account could be located with those details." },
  "000111111113": { code: "account_closed", message: "The bank account has been closed." },
  "000222222227": { code: "insufficient_funds", message: "Your Stripe account has insufficient funds to cover the payout." },
  "000333333335": { code: "debit_not_authorized", message: "Debit transactions are not approved on the bank account." },
  "000444444440": { code: "invalid_currency", message: "The bank was unable to process this payout because of its currency." },
};
export const FAILURE_CODES = [
  "account_closed", "account_frozen", "bank_account_restricted", "bank_ownership_changed", "could_not_process",
  "debit_not_authorized", "declined", "incorrect_account_holder_name", "insufficient_funds", "invalid_account_number",
  "invalid_currency", "no_account", "unsupported_card",
] as const;

type NewPayout = { amount: number; currency: string; automatic: boolean; method?: string; description?: string | null; metadata?: Record<string, string>; statementDescriptor?: string | null };

export function createPayout(world: World, p: NewPayout): StripeObject {
  const id = newId("po");
  const now = world.now();
  const txn = addBalanceTransaction(world, {
    amount: -p.amount,
    currency: p.currency,
    type: "payout",
    reportingCategory: "payout",
    source: id,
    description: p.description ?? "STRIPE PAYOUT",
  });
  world.store.setHidden(txn.id, { payout: p.automatic ? id : null });
  const instant = p.method === "instant";
  const payout: StripeObject = {
    id,
    object: "payout",
    amount: p.amount,
    application_fee: null,
    application_fee_amount: null,
    arrival_date: instant ? now : now + ARRIVAL_DELAY,
    automatic: p.automatic,
    balance_transaction: txn.id,
    created: now,
    currency: p.currency,
    description: p.description ?? "STRIPE PAYOUT",
    destination: world.store.settings.bankAccountId,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    livemode: world.livemode,
    metadata: p.metadata ?? {},
    method: instant ? "instant" : "standard",
    original_payout: null,
    payout_method: null,
    reconciliation_status: p.automatic ? "in_progress" : "not_applicable",
    reversed_by: null,
    source_type: "card",
    statement_descriptor: p.statementDescriptor ?? null,
    status: "pending",
    trace_id: { status: "pending", value: null },
    type: "bank_account",
  };
  const failure = FAILING_ACCOUNTS[world.store.settings.bankAccountNumber];
  world.store.insert(payout, { failure: failure ?? null });
  world.emit("payout.created", payout);
  world.store.schedule(now + (instant ? 0 : PAYOUT_SUBMIT_DELAY), "payout.in_transit", id);
  world.store.schedule(Number(payout.arrival_date), "payout.arrive", id);
  return payout;
}

function failPayout(world: World, payout: StripeObject, failure: { code: string; message: string }): void {
  const txn = addBalanceTransaction(world, {
    amount: Number(payout.amount),
    currency: String(payout.currency),
    type: "payout_failure",
    reportingCategory: "payout_reversal",
    source: payout.id,
    description: `Payout failure (${failure.code})`,
  });
  const previous = world.update(payout, {
    status: "failed",
    failure_code: failure.code,
    failure_message: failure.message,
    failure_balance_transaction: txn.id,
    trace_id: { status: "unsupported", value: null },
  });
  world.emit("payout.failed", payout, previous);
  world.emit("payout.updated", payout, previous);
}

export function forcePayoutFailure(world: World, payout: StripeObject, code: string): StripeObject {
  if (!["pending", "in_transit", "paid"].includes(String(payout.status))) {
    throw invalidRequest(`Payout ${payout.id} has status ${String(payout.status)} and cannot fail.`);
  }
  const known = Object.values(FAILING_ACCOUNTS).find((f) => f.code === code);
  failPayout(world, payout, { code, message: known?.message ?? `The payout failed (${code}).` });
  return payout;
}

function nextMidnight(now: number): number {
  return (Math.floor(now / DAY) + 1) * DAY;
}

export function ensureDailyPayouts(world: World): void {
  if (!world.store.tasks.some((t) => t.kind === "payout.daily")) {
    world.store.schedule(nextMidnight(world.now()), "payout.daily", "account");
  }
}

function runDailyPayout(world: World): void {
  world.store.schedule(nextMidnight(world.now()), "payout.daily", "account");
  if (world.store.settings.payoutSchedule !== "daily") return;
  settleBalance(world);
  const currencies = new Set(world.store.all("balance_transaction").map((t) => String(t.currency)));
  for (const currency of currencies) {
    const amount = availableAmount(world, currency);
    if (amount <= 0) continue;
    const included = world.store
      .all("balance_transaction")
      .filter((t) => t.currency === currency && t.status === "available" && !world.store.hidden(t.id).payout);
    const payout = createPayout(world, { amount, currency, automatic: true });
    for (const t of included) world.store.setHidden(t.id, { payout: payout.id });
  }
}

export function runPayoutTask(world: World, kind: string, ref: string): void {
  if (kind === "payout.daily") return runDailyPayout(world);
  const payout = world.store.getOf("payout", ref);
  if (!payout) return;
  if (kind === "payout.in_transit" && payout.status === "pending") {
    const previous = world.update(payout, { status: "in_transit" });
    world.emit("payout.updated", payout, previous);
  } else if (kind === "payout.arrive" && (payout.status === "in_transit" || payout.status === "pending")) {
    const failure = world.store.hidden(payout.id).failure as { code: string; message: string } | null;
    if (failure) return failPayout(world, payout, failure);
    const previous = world.update(payout, { status: "paid", trace_id: { status: "supported", value: `TRACE${payout.id.slice(-10).toUpperCase()}` } });
    world.emit("payout.paid", payout, previous);
    world.emit("payout.updated", payout, previous);
    if (payout.automatic) world.store.schedule(world.now() + PAYOUT_RECONCILE_DELAY, "payout.reconcile", payout.id);
  } else if (kind === "payout.reconcile" && payout.status === "paid" && payout.reconciliation_status === "in_progress") {
    const previous = world.update(payout, { reconciliation_status: "completed" });
    world.emit("payout.reconciliation_completed", payout, previous);
  }
}

const createParams = z.object({
  amount: int,
  currency: z.string().transform((c) => c.toLowerCase()),
  description: str.optional(),
  metadata: metadata.optional(),
  method: z.enum(["standard", "instant"]).optional(),
  statement_descriptor: str.optional(),
  destination: str.optional(),
  source_type: z.enum(["bank_account", "card", "fpx"]).optional(),
});

function findPayout(world: World, id: string): StripeObject {
  const payout = world.store.getOf("payout", id);
  if (!payout) throw resourceMissing("payout", id);
  return payout;
}

export function registerPayouts(router: Router): void {
  router.post("/v1/payouts", (r) => {
    const p = parse(createParams, r.input);
    if (p.amount <= 0) throw invalidRequest("Invalid positive integer", { param: "amount" });
    if (p.destination && p.destination !== r.world.store.settings.bankAccountId) throw resourceMissing("bank account", p.destination, "destination");
    settleBalance(r.world);
    if (availableAmount(r.world, p.currency) < p.amount) {
      throw invalidRequest("You have insufficient funds in your Stripe account for this transfer. Your card balance is too low.", {
        code: "balance_insufficient",
      });
    }
    return createPayout(r.world, {
      amount: p.amount,
      currency: p.currency,
      automatic: false,
      method: p.method,
      description: p.description ?? null,
      metadata: mergeMetadata({}, p.metadata),
      statementDescriptor: p.statement_descriptor ?? null,
    });
  });
  router.get("/v1/payouts", (r) => {
    const p = parse(z.object({ status: str.optional(), arrival_date: rangeFilter, destination: str.optional() }), r.input);
    const items = r.world.store
      .where("payout", (x) => (p.status === undefined || x.status === p.status) && inRange(Number(x.arrival_date), p.arrival_date) && (p.destination === undefined || x.destination === p.destination));
    return listOf(r.world.store, items, r.input, "/v1/payouts");
  });
  router.get("/v1/payouts/:id", (r) => findPayout(r.world, r.params.id ?? ""));
  router.post("/v1/payouts/:id", (r) => {
    const payout = findPayout(r.world, r.params.id ?? "");
    const p = parse(z.object({ metadata: metadata.optional() }), r.input);
    const previous = r.world.update(payout, { metadata: mergeMetadata(payout.metadata as Record<string, string>, p.metadata) });
    if (Object.keys(previous).length > 0) r.world.emit("payout.updated", payout, previous);
    return payout;
  });
  router.post("/v1/payouts/:id/cancel", (r) => {
    const payout = findPayout(r.world, r.params.id ?? "");
    if (payout.automatic) throw invalidRequest("Automatic payouts cannot be canceled.", { code: "payout_not_cancelable" });
    if (payout.status !== "pending") throw invalidRequest(`Payouts can only be canceled while they are pending; this payout is ${String(payout.status)}.`);
    addBalanceTransaction(r.world, {
      amount: Number(payout.amount),
      currency: String(payout.currency),
      type: "payout_cancel",
      reportingCategory: "payout_reversal",
      source: payout.id,
      description: "Payout cancellation",
    });
    const previous = r.world.update(payout, { status: "canceled" });
    r.world.emit("payout.canceled", payout, previous);
    r.world.emit("payout.updated", payout, previous);
    return payout;
  });
}
