// Stripe misbehaving while staff work, one kind of fault at a time: a share of the emulator's POSTs
// never arrive (the connection is reset), fail while executing (a 500 Stripe keeps under the key and
// replays, the work done or not), or are executed and their answer lost; then the faults in front
// of Stripe's idempotency layer (429 from the rate limiter, 503). Staff charge and refund through
// the app's lib actions and, like a person, press the button again when told the outcome is
// unknown. Afterwards Stripe must hold exactly one charge or refund per staff action, no action may
// be left failed (stuck), and every failure a person saw must read as a sentence, not as a raw
// error. Last, a few actions lose every answer after Stripe did the work and are sent again 25 hours
// later, when Stripe has forgotten their idempotency keys: they too must leave exactly one object.
import { randomUUID } from "node:crypto";
import type { ActionResult } from "@/lib/audit/result";
import type { StaffActor } from "@/lib/audit/staff-action";
import { db } from "@/lib/db";
import type { Stripe } from "@/lib/stripe/client";
import { paidThroughActions } from "./concurrency-engine";

type FaultKind = { name: string; rule: Record<string, string>; first?: ReadonlyArray<Record<string, string>> };

export const FAULT_KINDS: readonly FaultKind[] = [
  { name: "never arrives (connection reset)", rule: { kind: "drop" } },
  {
    name: "500 kept while executing (work done or not)",
    rule: { kind: "fail_while_executing" },
    first: [{ kind: "fail_while_executing", committed: "false" }, { kind: "fail_while_executing", committed: "true" }],
  },
  { name: "executed, answer lost", rule: { kind: "commit_then_drop" } },
  { name: "429 in front of the key", rule: { kind: "status", status: "429" } },
  { name: "503 in front of the key", rule: { kind: "status", status: "503" } },
];

type Done = { actionId: string; kind: "charge" | "refund" };

/**
 * How often a person presses again before the action counts as stuck. Faults fire at random, and a
 * 429 or 503 in front of the key is not retried by the SDK, so each press fails with the fault rate
 * (0.3 in the short run): twelve presses make a run-of-bad-luck "stuck" about 1 in 10^6 per action,
 * while an app that never recovers is still stuck every time.
 */
const PRESSES_BEFORE_STUCK = 12;

export interface KindReport {
  name: string;
  actions: number;
  charges: number;
  refunds: number;
  /** Requests the emulator failed on purpose. */
  faultsFired: number;
  /** Actions whose first answer to staff was a failure. */
  failuresSeen: number;
  /** Presses after the first. */
  pressesAgain: number;
  /** Actions still failed after PRESSES_BEFORE_STUCK presses: stuck (0 expected). */
  stuck: number;
  /** Actions with more than one charge or refund at Stripe (0 expected). */
  duplicates: number;
  /** Actions with none at Stripe (0 expected: every action here ends in a charge or a refund). */
  missing: number;
  /** Actions sent again under a new key after a 500 whose attempt the look-up showed made nothing. */
  newKeys: number;
  done: Done[];
}

export interface FaultsReport {
  kinds: KindReport[];
  /** Actions whose every answer was lost, pressed again 25 hours later. */
  late: KindReport;
  /** Actions with other than exactly one object at Stripe, over every kind. */
  notExactlyOnce: Array<{ actionId: string; kind: string; atStripe: number }>;
  /** Stuck actions over every kind. */
  unfinished: number;
  faultsFired: number;
  /** Every distinct message staff saw for a failure. */
  messages: string[];
  /** Messages that look raw (exception names, socket errors, JSON). */
  unclearMessages: string[];
  seconds: number;
}

const RAW = /Stripe[A-Z]\w*Error|ECONN|EPIPE|socket hang up|undefined|null|\{|\}|at \w+ \(|^Error/;

type Control = (method: "POST" | "DELETE" | "GET", path: string, form?: Record<string, string>) => Promise<unknown>;
type Press = (i: number, actionId: string) => Promise<ActionResult>;

async function firedSoFar(control: Control): Promise<number> {
  return ((await control("GET", "/_emulator/faults")) as { data: Array<{ fired: number }> }).data.reduce((sum, rule) => sum + rule.fired, 0);
}

function emptyKind(name: string): KindReport {
  return { name, actions: 0, charges: 0, refunds: 0, faultsFired: 0, failuresSeen: 0, pressesAgain: 0, stuck: 0, duplicates: 0, missing: 0, newKeys: 0, done: [] };
}

export async function runFaults(
  stripe: Stripe,
  agent: StaffActor,
  options: { actionsPerKind: number; rate?: number; control: Control; kinds?: readonly FaultKind[] },
): Promise<FaultsReport> {
  const { chargeSavedCard } = await import("@/lib/payments/charge");
  const { refundPayment } = await import("@/lib/refunds/refund");
  const started = Date.now();
  const kinds = options.kinds ?? FAULT_KINDS;
  // Payments to refund and cards to charge, made while Stripe behaves; $1 refunds of $500 payments.
  const payments: string[] = [];
  const refundsNeeded = Math.ceil((options.actionsPerKind * kinds.length) / 2);
  for (let i = 0; i < Math.max(2, Math.ceil(refundsNeeded / 100)); i++) payments.push(await paidThroughActions(stripe, agent, "500.00"));
  const cards = await db().paymentMethod.findMany({ where: { customerId: { not: null } }, select: { id: true, customerId: true } });
  const press = (amount: string, label: string): Press => (i, actionId) =>
    i % 2 === 1
      ? refundPayment(agent, { actionId, paymentIntentId: payments[i % payments.length]!, amount: "1.00", reason: "requested_by_customer", confirmOverBalance: true })
      : chargeSavedCard(agent, { actionId, customerId: cards[i % cards.length]!.customerId!, paymentMethodId: cards[i % cards.length]!.id, amount, currency: "usd", description: `${label} ${i}` });

  const messages = new Set<string>();
  const reports: KindReport[] = [];
  const rate = options.rate ?? 0.1;
  for (const [k, fault] of kinds.entries()) {
    const report = emptyKind(fault.name);
    // The first POSTs always fail too (for a kept 500: once before and once after the work), so
    // that a short run meets every kind and every side of it.
    for (const first of fault.first ?? [fault.rule]) await options.control("POST", "/_emulator/faults", { ...first, path: "/v1/*", method: "POST", count: "1" });
    await options.control("POST", "/_emulator/faults", { ...fault.rule, path: "/v1/*", method: "POST", probability: String(rate) });
    try {
      for (let i = 0; i < options.actionsPerKind; i++) {
        const actionId = randomUUID();
        const send = () => press("3.00", `Faults ${k}`)(i, actionId);
        let result = await send();
        if (!result.ok) report.failuresSeen++;
        for (let again = 1; !result.ok && again < PRESSES_BEFORE_STUCK; again++) {
          messages.add(result.error);
          report.pressesAgain++;
          await new Promise((r) => setTimeout(r, 50));
          result = await send();
        }
        if (!result.ok) {
          messages.add(result.error);
          report.stuck++;
        }
        report.done.push({ actionId, kind: i % 2 === 1 ? "refund" : "charge" });
      }
    } finally {
      report.faultsFired = await firedSoFar(options.control);
      await options.control("DELETE", "/_emulator/faults");
    }
    reports.push(report);
  }

  const late = await pressAgainADayLater(options.control, Math.max(2, Math.ceil(options.actionsPerKind / 20)), press("4.00", "Late"));
  for (const message of late.messages) messages.add(message);

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
  const notExactlyOnce: FaultsReport["notExactlyOnce"] = [];
  for (const report of [...reports, late.report]) {
    report.actions = report.done.length;
    report.charges = report.done.filter((a) => a.kind === "charge").length;
    report.refunds = report.actions - report.charges;
    report.newKeys = await db().staffAction.count({ where: { id: { in: report.done.map((a) => a.actionId) }, attempt: { gt: 1 } } });
    for (const a of report.done) {
      const atStripe = byAction.get(a.actionId) ?? 0;
      if (atStripe > 1) report.duplicates++;
      if (atStripe === 0) report.missing++;
      if (atStripe !== 1) notExactlyOnce.push({ actionId: a.actionId, kind: a.kind, atStripe });
    }
  }
  const all = [...messages];
  return {
    kinds: reports,
    late: late.report,
    notExactlyOnce,
    unfinished: [...reports, late.report].reduce((sum, r) => sum + r.stuck, 0),
    faultsFired: [...reports, late.report].reduce((sum, r) => sum + r.faultsFired, 0),
    messages: all,
    unclearMessages: all.filter((m) => m.trim() === "" || RAW.test(m) || !/[.!?]$/.test(m.trim())),
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
}

export function formatFaultsReport(r: FaultsReport): string {
  const row = (k: KindReport) =>
    `| ${k.name} | ${k.actions} (${k.charges} charges, ${k.refunds} refunds) | ${k.faultsFired} | ${k.failuresSeen} | ${k.pressesAgain} | ${k.newKeys} | ${k.duplicates} | ${k.missing} | ${k.stuck} |`;
  return [
    `| fault | staff actions | POSTs failed on purpose | first answer a failure | pressed again | sent under a new key | duplicate charges/refunds | none at Stripe | stuck |`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
    ...r.kinds.map(row),
    row(r.late),
    `${r.seconds} s; exactly one object at Stripe per action: ${r.notExactlyOnce.length === 0 ? "yes" : `NO — ${JSON.stringify(r.notExactlyOnce)}`}`,
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
async function pressAgainADayLater(control: Control, count: number, press: Press): Promise<{ report: KindReport; messages: string[] }> {
  const report = emptyKind("every answer lost, pressed again 25 h later");
  const messages: string[] = [];
  for (let i = 0; i < count; i++) {
    const actionId = randomUUID();
    const path = i % 2 === 1 ? "/v1/refunds" : "/v1/payment_intents";
    await control("POST", "/_emulator/faults", { kind: "commit_then_drop", path, method: "POST", count: "1" });
    await control("POST", "/_emulator/faults", { kind: "drop", path, method: "POST", count: "2" });
    const first = await press(i, actionId);
    report.faultsFired += await firedSoFar(control);
    await control("DELETE", "/_emulator/faults");
    if (first.ok) throw new Error("an action whose every answer was dropped reported success");
    report.failuresSeen++;
    messages.push(first.error);
    report.done.push({ actionId, kind: i % 2 === 1 ? "refund" : "charge" });
  }
  await control("POST", "/_emulator/clock/advance", { seconds: String(DAY_AND_AN_HOUR) });
  await db().staffAction.updateMany({ where: { id: { in: report.done.map((a) => a.actionId) } }, data: { createdAt: new Date(Date.now() - DAY_AND_AN_HOUR * 1000) } });
  for (const [i, action] of report.done.entries()) {
    report.pressesAgain++;
    const again = await press(i, action.actionId);
    if (!again.ok) {
      messages.push(again.error);
      report.stuck++;
    }
  }
  return { report, messages };
}
