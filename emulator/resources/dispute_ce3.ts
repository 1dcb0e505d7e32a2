import { isIP } from "node:net";
import { invalidRequest, missingParam, resourceMissing } from "../core/errors";
import { refuseOverlongString } from "../core/params";
import type { StripeObject } from "../core/store";
import type { World } from "../core/world";
import { DAY } from "./balance";

// Visa Compelling Evidence 3.0 (docs.stripe.com/disputes/api/visa-ce3; stripe@23 `Disputes.d.ts`):
// a Visa fraud dispute with network reason code 10.4 can be answered with two earlier, undisputed
// charges on the same card that share the cardholder's identifiers with the disputed one.

const CE3 = "visa_compelling_evidence_3";
const IDENTIFIERS = ["customer_account_id", "customer_device_fingerprint", "customer_device_id", "customer_email_address", "customer_purchase_ip"] as const;
const DISPUTED_KEYS = new Set<string>([...IDENTIFIERS, "merchandise_or_services", "product_description", "shipping_address"]);
const PRIOR_KEYS = new Set<string>(["charge", ...IDENTIFIERS, "product_description", "shipping_address"]);
const ADDRESS_KEYS = ["city", "country", "line1", "line2", "postal_code", "state"] as const;
/** Lines a shipping address cannot match without (UNCONFIRMED: Stripe says only "All fields are required"). */
const ADDRESS_REQUIRED = ["line1", "city", "postal_code", "country"] as const;
/** "Must be at least N characters" in stripe@23 `Disputes.d.ts`. */
const MIN_LENGTH: Partial<Record<string, number>> = { customer_device_fingerprint: 20, customer_device_id: 15 };
/** Stripe's page: prior charges 120–364 days before the disputed one (its support article says 120–365: the stricter window is kept). */
export const CE3_WINDOW_DAYS = { min: 120, max: 364 } as const;
export const CE3_REQUIRED_ACTIONS = [
  "missing_customer_identifiers", "missing_disputed_transaction_description", "missing_merchandise_or_services",
  "missing_prior_undisputed_transaction_description", "missing_prior_undisputed_transactions",
] as const;

type Address = Record<(typeof ADDRESS_KEYS)[number], string | null>;
type Transaction = Record<string, string | Address | null>;
interface Ce3Evidence { disputed_transaction: Transaction | null; prior_undisputed_transactions: Transaction[] }

/** Whether a new dispute is one Stripe marks eligible: a Visa chargeback under reason code 10.4. */
export function ce3Eligible(dispute: StripeObject): boolean {
  const card = (dispute.payment_method_details as { card?: Record<string, unknown> } | undefined)?.card;
  return card?.network === "visa" && card.network_reason_code === "10.4" && card.case_type === "chargeback";
}

/** Marks a dispute eligible: nothing provided yet, so every action is still required. */
export function markCe3Eligible(dispute: StripeObject): void {
  if (!ce3Eligible(dispute)) return;
  dispute.enhanced_eligibility_types = [CE3];
  const evidence = dispute.evidence as Record<string, unknown>;
  evidence.enhanced_evidence = { ...(evidence.enhanced_evidence as object), [CE3]: { disputed_transaction: null, prior_undisputed_transactions: [] } };
  const details = dispute.evidence_details as Record<string, unknown>;
  details.enhanced_eligibility = { ...(details.enhanced_eligibility as object), [CE3]: { required_actions: [...CE3_REQUIRED_ACTIONS], status: "requires_action" } };
}

const isHash = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const unknownParam = (name: string) => invalidRequest(`Received unknown parameter: ${name}`, { param: name });

function readString(value: unknown, param: string, maxLength = 5000): string | null {
  if (typeof value !== "string") throw invalidRequest(`Invalid ${param}: must be a string.`, { param });
  if (value === "") return null;
  refuseOverlongString(value, maxLength, param);
  return value;
}

function readAddress(value: unknown, param: string): Address {
  if (!isHash(value)) throw invalidRequest(`Invalid ${param}: must be a hash of address fields.`, { param });
  for (const key of Object.keys(value)) if (!(ADDRESS_KEYS as readonly string[]).includes(key)) throw unknownParam(`${param}[${key}]`);
  const address = Object.fromEntries(ADDRESS_KEYS.map((k) => [k, value[k] === undefined ? null : readString(value[k], `${param}[${k}]`)])) as Address;
  for (const key of ADDRESS_REQUIRED) if (address[key] === null) throw missingParam(`${param}[${key}]`);
  return address;
}

function readTransaction(input: unknown, param: string, allowed: Set<string>): Transaction {
  if (!isHash(input)) throw invalidRequest(`Invalid ${param}: must be a hash.`, { param });
  for (const key of Object.keys(input)) if (!allowed.has(key)) throw unknownParam(`${param}[${key}]`);
  const out: Transaction = {};
  for (const key of [...allowed].sort()) {
    const value = input[key];
    const name = `${param}[${key}]`;
    if (key === "shipping_address") out[key] = value === undefined || value === "" ? null : readAddress(value, name);
    else if (value === undefined) out[key] = null;
    else out[key] = readString(value, name, key === "product_description" ? 20_000 : 5000);
    const text = out[key];
    if (typeof text !== "string") continue;
    const min = MIN_LENGTH[key];
    if (min !== undefined && text.length < min) throw invalidRequest(`Invalid ${name}: must be at least ${min} characters.`, { param: name });
    if (key === "customer_purchase_ip" && isIP(text) === 0) throw invalidRequest(`Invalid ${name}: must be an IPv4 or IPv6 address.`, { param: name });
    if (key === "customer_email_address" && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) throw invalidRequest(`Invalid email address: ${text}`, { param: name });
    if (key === "merchandise_or_services" && text !== "merchandise" && text !== "services") {
      throw invalidRequest(`Invalid ${name}: must be one of merchandise or services; got ${JSON.stringify(text)}.`, { param: name });
    }
  }
  return out;
}

const asList = (value: unknown): unknown[] | null => (Array.isArray(value) ? value : value === "" ? [] : null);

/** A prior charge must be one Visa would count: same card, paid, never disputed, not a zero-amount validation, inside the window. */
function checkPriorCharge(world: World, disputed: StripeObject, chargeId: string, param: string): void {
  const charge = world.store.getOf("charge", chargeId);
  if (!charge) throw resourceMissing("charge", chargeId, param);
  const fingerprint = (c: StripeObject) => (c.payment_method_details as { card?: { fingerprint?: string } } | null)?.card?.fingerprint;
  const refuse = (why: string) => invalidRequest(`The charge ${chargeId} cannot be a prior undisputed transaction: ${why}`, { param });
  if (charge.id === disputed.id) throw refuse("it is the disputed charge.");
  if (!fingerprint(charge) || fingerprint(charge) !== fingerprint(disputed)) throw refuse("it was not made with the disputed charge's card.");
  if (charge.status !== "succeeded" || charge.paid !== true || charge.captured !== true) throw refuse("it was not paid.");
  if (charge.disputed === true) throw refuse("it has been disputed.");
  if (Number(charge.amount) <= 0) throw refuse("it is a validation charge.");
  const days = Math.floor((Number(disputed.created) - Number(charge.created)) / DAY);
  if (days < CE3_WINDOW_DAYS.min || days > CE3_WINDOW_DAYS.max) {
    throw refuse(`it was made ${days} days before the disputed charge; Visa counts charges ${CE3_WINDOW_DAYS.min} to ${CE3_WINDOW_DAYS.max} days before it.`);
  }
}

/**
 * Reads `evidence[enhanced_evidence]` and returns the dispute's new enhanced evidence; throws
 * Stripe's refusal, before anything changes, for any field outside the documented shape.
 */
export function readEnhancedEvidence(world: World, dispute: StripeObject, input: unknown): Record<string, unknown> {
  const base = "evidence[enhanced_evidence]";
  const current = structuredClone((dispute.evidence as Record<string, unknown>).enhanced_evidence ?? {}) as Record<string, unknown>;
  if (input === "") return current;
  if (!isHash(input)) throw invalidRequest(`Invalid ${base}: must be a hash.`, { param: base });
  for (const key of Object.keys(input)) {
    if (key !== CE3 && key !== "visa_compliance" && key !== "mastercard_compliance") throw unknownParam(`${base}[${key}]`);
    if (key !== CE3 || !(dispute.enhanced_eligibility_types as string[]).includes(CE3)) {
      throw invalidRequest(`This dispute is not eligible for ${key} evidence.`, { param: `${base}[${key}]` });
    }
  }
  const given = input[CE3];
  if (given === undefined) return current;
  const param = `${base}[${CE3}]`;
  if (!isHash(given)) throw invalidRequest(`Invalid ${param}: must be a hash.`, { param });
  for (const key of Object.keys(given)) if (key !== "disputed_transaction" && key !== "prior_undisputed_transactions") throw unknownParam(`${param}[${key}]`);
  const ce3 = { ...(current[CE3] as Ce3Evidence) };
  if (given.disputed_transaction !== undefined) {
    ce3.disputed_transaction = given.disputed_transaction === "" ? null : readTransaction(given.disputed_transaction, `${param}[disputed_transaction]`, DISPUTED_KEYS);
  }
  if (given.prior_undisputed_transactions !== undefined) {
    const listParam = `${param}[prior_undisputed_transactions]`;
    const list = asList(given.prior_undisputed_transactions);
    if (list === null) throw invalidRequest(`Invalid array: ${listParam}`, { param: listParam });
    if (list.length !== 0 && list.length !== 2) throw invalidRequest(`${listParam} must list exactly two prior undisputed transactions; got ${list.length}.`, { param: listParam });
    const disputedCharge = world.store.getOf("charge", String(dispute.charge));
    const priors = list.map((item, i) => {
      const tx = readTransaction(item, `${listParam}[${i}]`, PRIOR_KEYS);
      if (tx.charge === null) throw missingParam(`${listParam}[${i}][charge]`);
      if (disputedCharge) checkPriorCharge(world, disputedCharge, String(tx.charge), `${listParam}[${i}][charge]`);
      return tx;
    });
    if (priors.length === 2 && priors[0]!.charge === priors[1]!.charge) throw invalidRequest(`${listParam} names the charge ${String(priors[0]!.charge)} twice.`, { param: listParam });
    ce3.prior_undisputed_transactions = priors;
  }
  return { ...current, [CE3]: ce3 };
}

const sameAddress = (a: unknown, b: unknown) =>
  isHash(a) && isHash(b) && ADDRESS_KEYS.every((k) => String(a[k] ?? "").trim().toLowerCase() === String(b[k] ?? "").trim().toLowerCase());
const sameText = (a: unknown, b: unknown) => typeof a === "string" && typeof b === "string" && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Which identifier elements all three transactions share. Visa counts four elements (user id,
 * device, IP, shipping address); an account id or an e-mail stands for the user id (UNCONFIRMED:
 * Stripe lists both fields, the stricter reading counts them as one element).
 */
export function matchingElements(all: Transaction[]): string[] {
  const every = (f: (a: Transaction, b: Transaction) => boolean) => all.slice(1).every((t) => f(all[0]!, t));
  const elements: string[] = [];
  if (every((a, b) => sameText(a.customer_account_id, b.customer_account_id)) || every((a, b) => sameText(a.customer_email_address, b.customer_email_address))) elements.push("user_id");
  if (every((a, b) => sameText(a.customer_device_id, b.customer_device_id)) || every((a, b) => sameText(a.customer_device_fingerprint, b.customer_device_fingerprint))) elements.push("device");
  if (every((a, b) => sameText(a.customer_purchase_ip, b.customer_purchase_ip))) elements.push("ip");
  if (every((a, b) => sameAddress(a.shipping_address, b.shipping_address))) elements.push("shipping_address");
  return elements;
}

/** Stripe's verdict on the evidence as it stands: `qualified`, or `requires_action` with what is missing. */
export function refreshCe3Eligibility(dispute: StripeObject): void {
  if (!(dispute.enhanced_eligibility_types as string[]).includes(CE3)) return;
  const ce3 = ((dispute.evidence as Record<string, unknown>).enhanced_evidence as Record<string, Ce3Evidence>)[CE3]!;
  const disputed = ce3.disputed_transaction;
  const priors = ce3.prior_undisputed_transactions;
  const missing = new Set<string>();
  if (!disputed?.merchandise_or_services) missing.add("missing_merchandise_or_services");
  if (!disputed?.product_description) missing.add("missing_disputed_transaction_description");
  if (priors.length < 2) missing.add("missing_prior_undisputed_transactions");
  if (priors.some((p) => !p.product_description)) missing.add("missing_prior_undisputed_transaction_description");
  const elements = disputed && priors.length === 2 ? matchingElements([disputed, ...priors]) : [];
  // Two shared elements, one of them the IP address or the device.
  if (elements.length < 2 || !elements.some((e) => e === "ip" || e === "device")) missing.add("missing_customer_identifiers");
  const required_actions = CE3_REQUIRED_ACTIONS.filter((a) => missing.has(a));
  const details = dispute.evidence_details as Record<string, unknown>;
  details.enhanced_eligibility = { ...(details.enhanced_eligibility as object), [CE3]: { required_actions, status: required_actions.length === 0 ? "qualified" : "requires_action" } };
}
