/**
 * Strips client secrets from Stripe objects before they are stored anywhere. A PaymentIntent's or
 * SetupIntent's `client_secret`, with the publishable key that every customer page carries, lets
 * whoever reads it confirm the intent as the customer: save a card of their choosing as the
 * customer's, or complete a payment waiting for 3-D Secure. `next_action` carries the same secret
 * inside its redirect and SDK data. No role needs either from a stored snapshot: the customer pages
 * retrieve the secret from Stripe when a link is opened. So the event log and the mirrors keep only
 * what `next_action` is (its `type`), and every other copy of a secret, wherever Stripe nests one
 * (an error's `payment_intent`, `previous_attributes`), is replaced by a marker.
 */

export const REDACTED = "[redacted]";

/** `pi_…_secret_…`, `seti_…_secret_…` and any other object's secret of the same shape. */
const CLIENT_SECRET = /[A-Za-z0-9]+_[A-Za-z0-9]+_secret_[A-Za-z0-9]+/g;

/**
 * The value with its secrets replaced. A part holding none is returned as it is rather than copied:
 * each delivery is redacted twice (its event log row, then its mirror snapshot), and most payloads
 * hold no secret at all, so copying them only fed the garbage collector. Callers serialise the
 * result; none may change it.
 */
export function redactClientSecrets<T>(value: T): T {
  return redact(value) as T;
}

function redact(value: unknown): unknown {
  if (typeof value === "string") return value.includes("_secret_") ? value.replace(CLIENT_SECRET, REDACTED) : value;
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return redactArray(value);
  // Anything but a plain object (parsed JSON's kind) is copied field by field, as it always was.
  const prototype: unknown = Object.getPrototypeOf(value);
  const plain = prototype === Object.prototype || prototype === null;
  const entries = Object.entries(value);
  let copy: Record<string, unknown> | null = plain ? null : {};
  for (let i = 0; i < entries.length; i++) {
    const [key, field] = entries[i]!;
    const redacted = redactField(key, field);
    if (copy === null && redacted !== field) copy = Object.fromEntries(entries.slice(0, i));
    if (copy !== null) copy[key] = redacted;
  }
  return copy ?? value;
}

function redactField(key: string, field: unknown): unknown {
  if (key === "client_secret" && field !== null) return REDACTED;
  if (key === "next_action" && field !== null && typeof field === "object") return nextActionType(field);
  return redact(field);
}

function redactArray(items: readonly unknown[]): readonly unknown[] {
  let copy: unknown[] | null = null;
  for (let i = 0; i < items.length; i++) {
    const redacted = redact(items[i]);
    if (copy === null && redacted !== items[i]) copy = items.slice(0, i);
    if (copy !== null) copy.push(redacted);
  }
  return copy ?? items;
}

/** Which step the customer is asked for (`use_stripe_sdk`, `redirect_to_url` …), without its data. */
function nextActionType(action: object): { type: unknown; redacted: true } {
  return { type: (action as { type?: unknown }).type ?? null, redacted: true };
}
