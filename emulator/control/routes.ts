import { z } from "zod";
import { invalidRequest } from "../core/errors";
import type { Faults } from "../core/faults";
import type { KeyRing } from "../core/keys";
import { bool, int, parse, str } from "../core/params";
import { runDueTasks } from "../core/scheduler";
import type { Router } from "../core/router";
import type { World } from "../core/world";
import { findCharge } from "../resources/charges";
import { openDispute, preventDispute } from "../resources/disputes";
import { checkClientSecret, findIntent } from "../resources/intents_common";
import { completePaymentAuthentication } from "../resources/payment_flow";
import { ensureDailyPayouts, FAILURE_CODES, forcePayoutFailure } from "../resources/payouts";
import { completeSetupAuthentication } from "../resources/setup_intents";
import { hasExchangeRate, settlementCurrencies } from "../resources/settlement";
import type { WebhookDispatcher } from "../webhooks/delivery";

export type ControlDeps = { faults: Faults; dispatcher: WebhookDispatcher; resetFiles: () => void; keys: KeyRing };

function clockState(world: World): Record<string, unknown> {
  const now = world.now();
  return { object: "emulator.clock", now, iso: new Date(now * 1000).toISOString(), offset_seconds: Math.round(world.clock.offset / 1000) };
}

const number01 = z.union([z.number(), z.string().regex(/^\d+(\.\d+)?$/).transform(Number)]).refine((n) => n >= 0 && n <= 1, "between 0 and 1");

// Test and demo controls under a prefix Stripe does not use. All need the secret key except
// the 3-D Secure completion, which the Stripe.js stand-in calls from the browser.
export function registerControl(router: Router, deps: ControlDeps): void {
  router.post("/_emulator/reset", (r) => {
    r.world.store.clear();
    deps.dispatcher.reset();
    deps.faults.clear();
    deps.resetFiles();
    ensureDailyPayouts(r.world);
    return { object: "emulator.reset", ok: true };
  });
  router.get("/_emulator/clock", (r) => clockState(r.world));
  router.post("/_emulator/clock/advance", (r) => {
    const p = parse(z.object({ seconds: int }), r.input);
    if (p.seconds < 0) throw invalidRequest("The clock only moves forward.", { param: "seconds" });
    r.world.clock.advance(p.seconds);
    const ran = runDueTasks(r.world);
    r.world.store.changed();
    return { ...clockState(r.world), tasks_run: ran };
  });
  router.post("/_emulator/faults", (r) => {
    try {
      return { object: "emulator.fault", ...deps.faults.add(r.input) };
    } catch (err) {
      if (err instanceof Error && !("status" in err)) throw invalidRequest(err.message);
      throw err;
    }
  });
  router.get("/_emulator/faults", () => ({ object: "list", data: deps.faults.list() }));
  router.delete("/_emulator/faults", () => {
    deps.faults.clear();
    return { object: "list", data: [] };
  });
  router.get("/_emulator/deliveries", (r) => {
    const p = parse(z.object({ event: str.optional(), endpoint: str.optional(), type: str.optional() }), r.input);
    const data = deps.dispatcher.deliveries.filter(
      (d) => (p.event === undefined || d.event === p.event) && (p.endpoint === undefined || d.endpoint === p.endpoint) && (p.type === undefined || d.type === p.type),
    );
    return { object: "list", data };
  });
  router.post("/_emulator/webhooks/config", (r) => {
    const p = parse(
      z.object({
        shuffle: bool.optional(),
        shuffle_window_ms: int.refine((n) => n <= 60_000, "shuffle_window_ms must be at most 60000").optional(),
        duplicate_rate: number01.optional(),
        delay_ms: int.optional(),
        timeout_ms: int.optional(),
        max_concurrent: int.refine((n) => n >= 1, "max_concurrent must be at least 1").optional(),
        retry_schedule: z.union([z.array(int), z.literal("")]).optional(),
      }),
      r.input,
    );
    const c = deps.dispatcher.config;
    if (p.shuffle !== undefined) c.shuffle = p.shuffle;
    if (p.shuffle_window_ms !== undefined) c.shuffleWindowMs = p.shuffle_window_ms;
    if (p.duplicate_rate !== undefined) c.duplicateRate = p.duplicate_rate;
    if (p.delay_ms !== undefined) c.delayMs = p.delay_ms;
    if (p.timeout_ms !== undefined) c.timeoutMs = p.timeout_ms;
    if (p.max_concurrent !== undefined) c.maxConcurrent = p.max_concurrent;
    if (p.retry_schedule !== undefined) c.retrySchedule = p.retry_schedule === "" ? [] : p.retry_schedule;
    return { object: "emulator.webhooks_config", ...c };
  });
  router.post(
    "/_emulator/three_d_secure/:intent",
    (r) => {
      const p = parse(z.object({ client_secret: str.optional(), result: z.enum(["approve", "fail"]) }), r.input);
      const id = r.params.intent ?? "";
      const type = id.startsWith("seti_") ? "setup_intent" : "payment_intent";
      const intent = findIntent(r.world, type, id);
      checkClientSecret(r.auth, intent, p.client_secret, type === "setup_intent" ? "SetupIntent" : "PaymentIntent");
      return type === "setup_intent"
        ? completeSetupAuthentication(r.world, intent, p.result === "approve")
        : completePaymentAuthentication(r.world, intent, p.result === "approve");
    },
    { publishable: true },
  );
  router.post("/_emulator/bank_account", (r) => {
    const p = parse(z.object({ account_number: z.string().regex(/^\d{4,17}$/) }), r.input);
    r.world.store.settings.bankAccountNumber = p.account_number;
    r.world.store.changed();
    return { object: "emulator.bank_account", id: r.world.store.settings.bankAccountId, account_number: p.account_number };
  });
  router.post("/_emulator/payout_schedule", (r) => {
    const p = parse(z.object({ interval: z.enum(["daily", "manual"]) }), r.input);
    r.world.store.settings.payoutSchedule = p.interval;
    r.world.store.changed();
    return { object: "emulator.payout_schedule", interval: p.interval };
  });
  router.post("/_emulator/search/config", (r) => {
    const p = parse(z.object({ lag_seconds: int.refine((n) => n >= 0 && n <= 3600, "lag_seconds must be between 0 and 3600") }), r.input);
    r.world.store.settings.searchLagSeconds = p.lag_seconds;
    r.world.store.changed();
    return { object: "emulator.search_config", lag_seconds: p.lag_seconds };
  });
  // As rolling a key in the Dashboard does: the old key answers `api_key_expired` from now on.
  router.post("/_emulator/api_keys/revoke", (r) => {
    const p = parse(z.object({ key: str }), r.input);
    if (!deps.keys.revoke(p.key)) throw invalidRequest("No such API key on this account.", { param: "key" });
    return { object: "emulator.api_key", revoked: true };
  });
  router.post("/_emulator/account", (r) => {
    const currency = z.string().regex(/^[a-z]{3}$/).refine(hasExchangeRate, "the emulator has no exchange rate for this currency");
    const p = parse(
      z.object({
        default_currency: currency.optional(),
        settlement_currencies: z.union([z.array(currency), z.literal("")]).optional(),
        balance_transaction_delay_seconds: int.refine((n) => n >= 0 && n <= 3600, "balance_transaction_delay_seconds must be between 0 and 3600").optional(),
      }),
      r.input,
    );
    const settings = r.world.store.settings;
    if (p.default_currency !== undefined) settings.defaultCurrency = p.default_currency;
    if (p.settlement_currencies !== undefined) settings.settlementCurrencies = p.settlement_currencies === "" ? [] : p.settlement_currencies;
    if (p.balance_transaction_delay_seconds !== undefined) settings.balanceTransactionDelaySeconds = p.balance_transaction_delay_seconds;
    r.world.store.changed();
    return {
      object: "emulator.account",
      default_currency: settings.defaultCurrency,
      settlement_currencies: [...settlementCurrencies(r.world).currencies].sort(),
      balance_transaction_delay_seconds: settings.balanceTransactionDelaySeconds,
    };
  });
  router.post("/_emulator/payouts/:id/fail", (r) => {
    const p = parse(z.object({ failure_code: z.enum(FAILURE_CODES).optional() }), r.input);
    const payout = r.world.store.getOf("payout", r.params.id ?? "");
    if (!payout) throw invalidRequest(`No such payout: '${r.params.id}'`, { status: 404, code: "resource_missing" });
    return forcePayoutFailure(r.world, payout, p.failure_code ?? "could_not_process");
  });
  // Not a Stripe API or test flow: Stripe documents no way to make a prevented dispute in test mode.
  router.post("/_emulator/charges/:id/prevented_dispute", (r) => {
    const p = parse(z.object({ case_type: z.enum(["resolution", "block"]) }), r.input);
    return preventDispute(r.world, findCharge(r.world, r.params.id ?? "", "id"), p.case_type);
  });
  // A fraud dispute on one charge of a card that has others: Stripe's dispute test cards dispute
  // every charge they make, so they cannot leave the undisputed history Visa CE 3.0 rests on.
  router.post("/_emulator/charges/:id/dispute", (r) => {
    const p = parse(z.object({ reason: z.enum(["fraudulent", "product_not_received"]).optional() }), r.input);
    const charge = findCharge(r.world, r.params.id ?? "", "id");
    if (charge.status !== "succeeded" || charge.captured !== true || charge.refunded === true || charge.disputed === true) {
      throw invalidRequest(`Charge ${charge.id} is not a captured, unrefunded, undisputed payment.`, { param: "charge" });
    }
    return openDispute(r.world, charge, p.reason ?? "fraudulent");
  });
}
