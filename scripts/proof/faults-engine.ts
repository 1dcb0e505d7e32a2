// Stripe misbehaving while staff work: a share of the emulator's POSTs fail (500, 503, 429, a dropped
// connection, or "commit then drop": Stripe did the work and the answer was lost). Staff charge and
// refund through the app's lib actions and, like a person, press the button again when told the
// outcome is unknown. Afterwards Stripe must hold exactly one charge or refund per staff action,
// and every failure a person saw must read as a sentence, not as a raw error. Last, a few actions
// lose every answer after Stripe did the work and are sent again 25 hours later, when Stripe has
// forgotten their idempotency keys: they too must leave exactly one object.
import { randomUUID } from "node:crypto";
import type { ActionResult } from "@/lib/audit/result";
import type { StaffActor } from "@/lib/audit/staff-action";
import { db } from "@/lib/db";
import type { Stripe } from "@/lib/stripe/client";
import { paidThroughActions } from "./concurrency-engine";

export const FAULT_KINDS = [
  { kind: "status", status: "500" },
  { kind: "status", status: "503" },
  { kind: "status", status: "429" },
  { kind: "drop" },
  { kind: "commit_then_drop" },
] as const;

export interface FaultsReport {
  actions: number;
  charges: number;
  refunds: number;
  /** Requests the emulator failed on purpose. */
  faultsFired: number;
  /** Actions whose first answer to staff was a failure. */
  failuresSeen: number;
  /** Presses after the first. */
  pressesAgain: number;
  /** Actions still failed after five presses (0 expected). */
  unfinished: number;
  /** Actions whose every answer was lost, pressed again 25 hours later. */
  lateRetries: number;
  /** Actions with other than exactly one object at Stripe. */
  notExactlyOnce: Array<{ actionId: string; kind: string; atStripe: number }>;
  /** Every distinct message staff saw for a failure. */
  messages: string[];
  /** Messages that look raw (exception names, socket errors, JSON). */
  unclearMessages: string[];
  seconds: number;
}

const RAW = /Stripe[A-Z]\w*Error|ECONN|EPIPE|socket hang up|undefined|null|\{|\}|at \w+ \(|^Error/;

type Control = (method: "POST" | "DELETE" | "GET", path: string, form?: Record<string, string>) => Promise<unknown>;

export async function runFaults(stripe: Stripe, agent: StaffActor, options: { actions: number; rate?: number; control: Control }): Promise<FaultsReport> {
  const { chargeSavedCard } = await import("@/lib/payments/charge");
  const { refundPayment } = await import("@/lib/refunds/refund");
  const started = Date.now();
  // Payments to refund and cards to charge, made while Stripe behaves.
  const payments: string[] = [];
  for (let i = 0; i < Math.max(2, Math.ceil(options.actions / 8)); i++) payments.push(await paidThroughActions(stripe, agent, "500.00"));
  const cards = await db().paymentMethod.findMany({ where: { customerId: { not: null } }, select: { id: true, customerId: true } });

  const rate = options.rate ?? 0.1;
  for (const fault of FAULT_KINDS) {
    await options.control("POST", "/_emulator/faults", { ...fault, path: "/v1/*", method: "POST", probability: String(rate / FAULT_KINDS.length) });
  }
  const messages = new Set<string>();
  let failuresSeen = 0;
  let pressesAgain = 0;
  let unfinished = 0;
  const done: Array<{ actionId: string; kind: "charge" | "refund" }> = [];
  let fired = 0;
  try {
    for (let i = 0; i < options.actions; i++) {
      const actionId = randomUUID();
      const isRefund = i % 2 === 1;
      const card = cards[i % cards.length]!;
      const target = isRefund ? payments[i % payments.length]! : card.customerId!;
      const press = (): Promise<ActionResult> =>
        isRefund
          ? refundPayment(agent, { actionId, paymentIntentId: target, amount: "1.00", reason: "requested_by_customer", confirmOverBalance: true })
          : chargeSavedCard(agent, { actionId, customerId: target, paymentMethodId: card.id, amount: "3.00", currency: "usd", description: `Faults ${i}` });
      let result = await press();
      if (!result.ok) failuresSeen++;
      for (let again = 0; !result.ok && again < 5; again++) {
        messages.add(result.error);
        pressesAgain++;
        await new Promise((r) => setTimeout(r, 50));
        result = await press();
      }
      if (!result.ok) {
        messages.add(result.error);
        unfinished++;
      }
      done.push({ actionId, kind: isRefund ? "refund" : "charge" });
    }
  } finally {
    fired = ((await options.control("GET", "/_emulator/faults")) as { data: Array<{ fired: number }> }).data.reduce((sum, rule) => sum + rule.fired, 0);
    await options.control("DELETE", "/_emulator/faults");
  }

  const late = await pressAgainADayLater(options.control, Math.max(2, Math.ceil(options.actions / 20)), (i, actionId) =>
    i % 2 === 1
      ? refundPayment(agent, { actionId, paymentIntentId: payments[i % payments.length]!, amount: "1.00", reason: "requested_by_customer", confirmOverBalance: true })
      : chargeSavedCard(agent, { actionId, customerId: cards[i % cards.length]!.customerId!, paymentMethodId: cards[i % cards.length]!.id, amount: "4.00", currency: "usd", description: `Late ${i}` }),
  );
  fired += late.fired;
  unfinished += late.unfinished;
  for (const message of late.messages) messages.add(message);
  done.push(...late.done);

  // Count at Stripe by the action id each request carried in its metadata.
  const byAction = new Map<string, number>();
  for await (const intent of stripe.paymentIntents.list({ limit: 100 })) {
    const id = intent.metadata?.ledgerline_action;
    if (id) byAction.set(id, (byAction.get(id) ?? 0) + 1);
  }
  for await (const refund of stripe.refunds.list({ limit: 100 })) {
    const id = refund.metadata?.ledgerline_action;
    if (id) byAction.set(id, (byAction.get(id) ?? 0) + 1);
  }
  const notExactlyOnce = done.filter((a) => byAction.get(a.actionId) !== 1).map((a) => ({ actionId: a.actionId, kind: a.kind, atStripe: byAction.get(a.actionId) ?? 0 }));
  const all = [...messages];
  return {
    actions: done.length,
    charges: done.filter((a) => a.kind === "charge").length,
    refunds: done.filter((a) => a.kind === "refund").length,
    faultsFired: fired,
    failuresSeen,
    pressesAgain,
    unfinished,
    lateRetries: late.done.length,
    notExactlyOnce,
    messages: all,
    unclearMessages: all.filter((m) => m.trim() === "" || RAW.test(m) || !/[.!?]$/.test(m.trim())),
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
}

export function formatFaultsReport(r: FaultsReport): string {
  return [
    `${r.actions} staff actions (${r.charges} charges, ${r.refunds} refunds) in ${r.seconds} s; ${r.faultsFired} POSTs failed on purpose`,
    `${r.failuresSeen} actions answered with a failure first; ${r.pressesAgain} presses again; ${r.unfinished} unfinished`,
    `${r.lateRetries} actions whose every answer was lost, pressed again 25 hours later`,
    `exactly one object at Stripe per action: ${r.notExactlyOnce.length === 0 ? "yes" : `NO — ${JSON.stringify(r.notExactlyOnce)}`}`,
    `messages staff saw: ${r.messages.length === 0 ? "(none)" : r.messages.map((m) => `“${m}”`).join(" | ")}`,
    `unclear messages: ${r.unclearMessages.length}`,
  ].join("\n");
}

const DAY_AND_AN_HOUR = 25 * 60 * 60;

/**
 * Stripe does the work and every answer is lost (the SDK's retries would be answered from the
 * idempotency store, so their connections drop too); 25 hours later, with the keys forgotten at
 * Stripe and the action rows as old, the same forms are sent again.
 */
async function pressAgainADayLater(control: Control, count: number, press: (i: number, actionId: string) => Promise<ActionResult>) {
  const done: Array<{ actionId: string; kind: "charge" | "refund" }> = [];
  const messages: string[] = [];
  let fired = 0;
  let unfinished = 0;
  for (let i = 0; i < count; i++) {
    const actionId = randomUUID();
    const path = i % 2 === 1 ? "/v1/refunds" : "/v1/payment_intents";
    await control("POST", "/_emulator/faults", { kind: "commit_then_drop", path, method: "POST", count: "1" });
    await control("POST", "/_emulator/faults", { kind: "drop", path, method: "POST", count: "2" });
    const first = await press(i, actionId);
    fired += ((await control("GET", "/_emulator/faults")) as { data: Array<{ fired: number }> }).data.reduce((sum, rule) => sum + rule.fired, 0);
    await control("DELETE", "/_emulator/faults");
    if (first.ok) throw new Error("an action whose every answer was dropped reported success");
    messages.push(first.error);
    done.push({ actionId, kind: i % 2 === 1 ? "refund" : "charge" });
  }
  await control("POST", "/_emulator/clock/advance", { seconds: String(DAY_AND_AN_HOUR) });
  await db().staffAction.updateMany({ where: { id: { in: done.map((a) => a.actionId) } }, data: { createdAt: new Date(Date.now() - DAY_AND_AN_HOUR * 1000) } });
  for (const [i, action] of done.entries()) {
    const again = await press(i, action.actionId);
    if (!again.ok) {
      messages.push(again.error);
      unfinished++;
    }
  }
  return { done, messages, fired, unfinished };
}
