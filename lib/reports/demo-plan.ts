// The demo merchant's history as a plan: what happens on which day, in order. Kept apart from the
// script that plays it against the emulator so the plan itself can be tested (coverage of every
// state the dashboard shows, and that nothing is scheduled after "now").

export type DemoCurrency = "usd" | "eur" | "jpy";

export type DemoStep =
  | { kind: "payment"; key: string; at: number; customer: number; currency: DemoCurrency; amount: number; card: string; offSession: boolean }
  | { kind: "approve_3ds"; key: string; at: number; result: "approve" | "fail" }
  | { kind: "refund"; key: string; at: number; amount?: number; reason: "requested_by_customer" | "duplicate" | "fraudulent" }
  | { kind: "evidence"; key: string; at: number; text: string; submit: boolean }
  | { kind: "fail_next_payout"; at: number };

export interface DemoCustomer {
  name: string;
  email: string;
  card: string;
}

export const DEMO_CUSTOMERS: DemoCustomer[] = [
  ["Ava Chen", "pm_card_visa"],
  ["Liam Okafor", "pm_card_mastercard"],
  ["Sofia Rossi", "pm_card_visa"],
  ["Noah Schmidt", "pm_card_amex"],
  ["Yuki Tanaka", "pm_card_visa"],
  ["Mia Dubois", "pm_card_mastercard"],
  ["Lucas Silva", "pm_card_visa"],
  ["Emma Novak", "pm_card_visa"],
  ["Hiro Sato", "pm_card_mastercard"],
  ["Olivia Brown", "pm_card_visa"],
  ["Ethan Müller", "pm_card_visa"],
  ["Zara Ahmed", "pm_card_mastercard"],
].map(([name, card]) => ({
  name: name!,
  email: `${name!.toLowerCase().normalize("NFD").replace(/[^a-z ]/g, "").replace(" ", ".")}@example.com`,
  card: card!,
}));

/** A small deterministic generator, so every demo looks the same. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const HOUR = 3600;
const DAY = 86_400;

function amountFor(currency: DemoCurrency, r: number): number {
  if (currency === "jpy") return Math.round((1_200 + r * 28_000) / 100) * 100;
  return Math.round((1_500 + r * 24_000) / 50) * 50;
}

/**
 * The plan from `start` to `end` (unix seconds). With less than three days between them (an
 * emulator whose clock is already "now") everything happens in the last two hours, and the
 * stories that need days (payouts, won and lost disputes) are left out.
 */
export function demoPlan(start: number, end: number): { steps: DemoStep[]; days: number; compact: boolean } {
  const compact = end - start < 3 * DAY;
  const days = compact ? 1 : Math.min(60, Math.floor((end - start) / DAY));
  // In compact mode steps before the clock simply run at the clock's time, in order.
  const origin = compact ? end - 2 * HOUR : end - days * DAY;
  const span = compact ? end - origin - 15 * 60 : DAY;
  const rand = random(60);
  const steps: DemoStep[] = [];
  let n = 0;
  const pay = (at: number, card: string, options: Partial<{ currency: DemoCurrency; offSession: boolean; customer: number }> = {}) => {
    const key = `p${n++}`;
    const r = rand();
    const currency = options.currency ?? (r < 0.6 ? "usd" : r < 0.85 ? "eur" : "jpy");
    steps.push({ kind: "payment", key, at, customer: options.customer ?? Math.floor(rand() * DEMO_CUSTOMERS.length), currency, amount: amountFor(currency, rand()), card, offSession: options.offSession ?? card === "saved" });
    return key;
  };

  // Everyday sales, with the declines and 3-D Secure cases any shop sees.
  const perDay = compact ? 40 : 5;
  for (let day = 0; day < days; day++) {
    for (let i = 0; i < perDay; i++) {
      const at = origin + day * span + Math.floor(((i + rand() * 0.8) / perDay) * span * 0.95);
      const roll = rand();
      if (roll < 0.06) pay(at, ["pm_card_chargeDeclined", "pm_card_chargeDeclinedInsufficientFunds", "pm_card_chargeDeclinedExpiredCard", "pm_card_chargeDeclinedIncorrectCvc"][i % 4]!);
      else if (roll < 0.09) {
        const key = pay(at, "pm_card_authenticationRequired", { offSession: false });
        // Most customers finish authenticating within minutes; some give up or fail.
        if (day < days - 2 || compact) steps.push({ kind: "approve_3ds", key, at: at + 120, result: rand() < 0.8 ? "approve" : "fail" });
      } else {
        const key = pay(at, "saved");
        const later = rand();
        if (later < 0.05) steps.push({ kind: "refund", key, at: at + (compact ? 60 : DAY), reason: "requested_by_customer" });
        else if (later < 0.09) steps.push({ kind: "refund", key, at: at + (compact ? 90 : 2 * DAY), amount: 500, reason: "requested_by_customer" });
      }
    }
  }

  const dayAt = (daysBeforeEnd: number, hour = 10) => (compact ? end - 60 * 60 + (60 - daysBeforeEnd) * 30 : end - daysBeforeEnd * DAY + hour * HOUR - 12 * HOUR);
  // Refunds still on their way (one settles later, one fails at the bank).
  const pending = pay(dayAt(1, 2), "pm_card_pendingRefund", { currency: "usd", offSession: false });
  steps.push({ kind: "refund", key: pending, at: end - 20 * 60, reason: "requested_by_customer" });
  const failing = pay(dayAt(6), "pm_card_refundFail", { currency: "eur", offSession: false });
  steps.push({ kind: "refund", key: failing, at: dayAt(5), reason: "requested_by_customer" });
  const duplicate = pay(dayAt(12), "saved", { currency: "usd" });
  steps.push({ kind: "refund", key: duplicate, at: dayAt(12, 14), reason: "duplicate" });

  // Disputes in each state: won, lost, under review, needing a response soon and later, an inquiry.
  // The older stories sit at the same share of a shorter history; the deadlines stay real.
  if (!compact) {
    const back = (d: number) => (d * days) / 60;
    const won = pay(dayAt(back(45)), "pm_card_createDispute", { currency: "usd", offSession: false });
    steps.push({ kind: "evidence", key: won, at: dayAt(back(43)), text: "Delivered with signature. winning_evidence", submit: true });
    const lost = pay(dayAt(back(35)), "pm_card_createDisputeProductNotReceived", { currency: "eur", offSession: false });
    steps.push({ kind: "evidence", key: lost, at: dayAt(back(33)), text: "Shipped late. losing_evidence", submit: true });
    const review = pay(dayAt(Math.max(2.5, back(9))), "pm_card_createDispute", { currency: "usd", offSession: false });
    steps.push({ kind: "evidence", key: review, at: dayAt(Math.max(2.4, back(8))), text: "Receipt and delivery confirmation attached.", submit: true });
    pay(dayAt(3.5), "pm_card_createDisputeInquiry", { currency: "jpy", offSession: false });
    steps.push({ kind: "fail_next_payout", at: dayAt(Math.max(2, back(20)), 1) });
  }
  const urgent = pay(dayAt(5.6), "pm_card_createDispute", { currency: "usd", offSession: false });
  steps.push({ kind: "evidence", key: urgent, at: dayAt(5.5), text: "Draft: customer signed for the parcel.", submit: false });
  pay(dayAt(1.5), "pm_card_createDisputeProductNotReceived", { currency: "eur", offSession: false });
  if (compact) pay(dayAt(3.5), "pm_card_createDisputeInquiry", { currency: "jpy", offSession: false });

  // Customers who have not finished 3-D Secure yet.
  pay(dayAt(0.4), "pm_card_authenticationRequired", { currency: "usd", offSession: false });
  pay(dayAt(0.2), "pm_card_authenticationRequired", { currency: "eur", offSession: false });

  // Early fraud warnings the issuer raised.
  pay(dayAt(2.5), "pm_card_createIssuerFraudRecord", { currency: "usd", offSession: false });
  pay(dayAt(0.7), "pm_card_createIssuerFraudRecord", { currency: "eur", offSession: false });

  steps.sort((a, b) => a.at - b.at);
  return { steps: steps.filter((s) => s.at < end), days, compact };
}
