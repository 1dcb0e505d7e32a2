/**
 * Visa Compelling Evidence 3.0 (docs.stripe.com/disputes/api/visa-ce3): a Visa fraud dispute
 * (reason code 10.4) can be answered with two earlier charges on the same card, paid, never
 * disputed, not zero-amount validations, made 120–364 days before the disputed one, that share
 * with it at least two of four identifiers, one of them the purchase IP or the device.
 * Plain data and rules, no database: the finder and the workbench use the same verdicts.
 */

/** Stripe's page says 120–364 days; its support article 120–365. The stricter window is the one Stripe's API page gives. */
export const CE3_MIN_DAYS = 120;
export const CE3_MAX_DAYS = 364;
const DAY_MS = 86_400_000;

/**
 * Metadata keys read from a payment (the PaymentIntent's metadata, copied onto its charge) for the
 * identifiers Stripe does not record itself. Merchants set them at checkout.
 */
export const CE3_METADATA_KEYS = {
  accountId: "customer_account_id",
  deviceId: "device_id",
  deviceFingerprint: "device_fingerprint",
  ip: "ip_address",
} as const;

export interface Ce3Address { line1: string; line2: string | null; city: string; state: string | null; postal_code: string; country: string }

/** One charge as the rules see it, read from our mirror (`ce3TransactionFromCharge`). */
export interface Ce3Transaction {
  chargeId: string;
  created: Date;
  amount: bigint;
  currency: string;
  paid: boolean;
  disputed: boolean;
  cardFingerprint: string | null;
  paymentMethodId: string | null;
  description: string | null;
  accountId: string | null;
  email: string | null;
  deviceId: string | null;
  deviceFingerprint: string | null;
  ip: string | null;
  shippingAddress: Ce3Address | null;
}

export type Ce3Signal = "user_id" | "device" | "ip" | "shipping_address";
export const CE3_SIGNALS: readonly Ce3Signal[] = ["ip", "device", "user_id", "shipping_address"];

export const SIGNAL_LABELS: Record<Ce3Signal, string> = {
  ip: "purchase IP address",
  device: "device id or fingerprint",
  user_id: "customer account id or email",
  shipping_address: "shipping address",
};

/** Where each identifier comes from, for the merchant who wants to start collecting it. */
export const SIGNAL_SOURCES: Record<Ce3Signal, string> = {
  ip: `payment metadata "${CE3_METADATA_KEYS.ip}"`,
  device: `payment metadata "${CE3_METADATA_KEYS.deviceId}" (at least 15 characters) or "${CE3_METADATA_KEYS.deviceFingerprint}" (at least 20)`,
  user_id: `payment metadata "${CE3_METADATA_KEYS.accountId}", or the customer's email`,
  shipping_address: "the payment's shipping address",
};

const norm = (v: string | null | undefined) => (v ?? "").trim().toLowerCase();
const same = (a: string | null | undefined, b: string | null | undefined) => norm(a) !== "" && norm(a) === norm(b);
const sameAddress = (a: Ce3Address | null, b: Ce3Address | null) =>
  a !== null && b !== null && (["line1", "line2", "city", "state", "postal_code", "country"] as const).every((k) => norm(a[k]) === norm(b[k]));

/** Whole days between two charges, counted as Visa counts them: calendar days before the disputed one. */
export function daysBefore(disputed: Date, prior: Date): number {
  return Math.floor((disputed.getTime() - prior.getTime()) / DAY_MS);
}

/** Identifiers one transaction shares with another. An account id or an email stands for the user id. */
export function sharedSignals(a: Ce3Transaction, b: Ce3Transaction): Ce3Signal[] {
  const shared = new Set<Ce3Signal>();
  if (same(a.ip, b.ip)) shared.add("ip");
  if (same(a.deviceId, b.deviceId) || same(a.deviceFingerprint, b.deviceFingerprint)) shared.add("device");
  if (same(a.accountId, b.accountId) || same(a.email, b.email)) shared.add("user_id");
  if (sameAddress(a.shippingAddress, b.shippingAddress)) shared.add("shipping_address");
  return CE3_SIGNALS.filter((s) => shared.has(s));
}

/** Two shared identifiers, one of them the IP or the device. */
export function signalsQualify(signals: readonly Ce3Signal[]): boolean {
  return signals.length >= 2 && signals.some((s) => s === "ip" || s === "device");
}

export type Ce3Exclusion = "other_card" | "not_paid" | "disputed" | "validation" | "too_recent" | "too_old" | "same_charge";

export const EXCLUSION_REASONS: Record<Ce3Exclusion, string> = {
  other_card: "made with another card",
  not_paid: "not paid",
  disputed: "disputed",
  validation: "a zero-amount validation charge",
  too_recent: `made less than ${CE3_MIN_DAYS} days before the disputed payment`,
  too_old: `made more than ${CE3_MAX_DAYS} days before the disputed payment`,
  same_charge: "the disputed payment itself",
};

/** Why a charge cannot be one of the two, or null when it can (whatever identifiers it shares). */
export function exclusion(disputed: Ce3Transaction, prior: Ce3Transaction): Ce3Exclusion | null {
  if (prior.chargeId === disputed.chargeId) return "same_charge";
  const sameCard = disputed.cardFingerprint && prior.cardFingerprint
    ? disputed.cardFingerprint === prior.cardFingerprint
    : disputed.paymentMethodId !== null && disputed.paymentMethodId === prior.paymentMethodId;
  if (!sameCard) return "other_card";
  if (!prior.paid) return "not_paid";
  if (prior.disputed) return "disputed";
  if (prior.amount <= 0n) return "validation";
  const days = daysBefore(disputed.created, prior.created);
  if (days < CE3_MIN_DAYS) return "too_recent";
  if (days > CE3_MAX_DAYS) return "too_old";
  return null;
}

export interface Ce3Candidate {
  transaction: Ce3Transaction;
  daysBefore: number;
  signals: Ce3Signal[];
  qualifies: boolean;
}

export interface Ce3Assessment {
  /** Eligible prior charges, those that qualify first, then by how many identifiers they share, then the most recent. */
  candidates: Ce3Candidate[];
  /** The two best qualifying charges, when there are two. */
  chosen: [Ce3Candidate, Ce3Candidate] | null;
  /** Identifiers the disputed payment lacks which, recorded, would have matched an eligible charge and qualified it. */
  missing: { signal: Ce3Signal; source: string; wouldQualify: number }[];
}

/** Would the candidate have qualified had both sides recorded `signal` and agreed on it? */
function qualifiesWith(candidate: Ce3Candidate, signal: Ce3Signal): boolean {
  return !candidate.signals.includes(signal) && signalsQualify([...candidate.signals, signal]);
}

function hasSignal(t: Ce3Transaction, signal: Ce3Signal): boolean {
  if (signal === "ip") return norm(t.ip) !== "";
  if (signal === "device") return norm(t.deviceId) !== "" || norm(t.deviceFingerprint) !== "";
  if (signal === "user_id") return norm(t.accountId) !== "" || norm(t.email) !== "";
  return t.shippingAddress !== null;
}

export function assessCe3(disputed: Ce3Transaction, history: readonly Ce3Transaction[]): Ce3Assessment {
  const candidates: Ce3Candidate[] = history
    .filter((t) => exclusion(disputed, t) === null)
    .map((t) => {
      const signals = sharedSignals(disputed, t);
      return { transaction: t, daysBefore: daysBefore(disputed.created, t.created), signals, qualifies: signalsQualify(signals) };
    })
    .sort((a, b) => Number(b.qualifies) - Number(a.qualifies) || b.signals.length - a.signals.length || a.daysBefore - b.daysBefore);
  const qualifying = candidates.filter((c) => c.qualifies);
  const chosen = qualifying.length >= 2 ? ([qualifying[0]!, qualifying[1]!] as [Ce3Candidate, Ce3Candidate]) : null;
  const missing = chosen
    ? []
    : CE3_SIGNALS.filter((signal) => !hasSignal(disputed, signal))
        .map((signal) => ({ signal, source: SIGNAL_SOURCES[signal], wouldQualify: candidates.filter((c) => !c.qualifies && hasSignal(c.transaction, signal) && qualifiesWith(c, signal)).length }));
  return { candidates, chosen, missing };
}
