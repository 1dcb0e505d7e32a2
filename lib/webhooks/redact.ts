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

export function redactClientSecrets<T>(value: T): T {
  return redact(value) as T;
}

function redact(value: unknown): unknown {
  if (typeof value === "string") return value.includes("_secret_") ? value.replace(CLIENT_SECRET, REDACTED) : value;
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== "object") return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (key === "client_secret" && field !== null) copy[key] = REDACTED;
    else if (key === "next_action" && field !== null && typeof field === "object") copy[key] = nextActionType(field);
    else copy[key] = redact(field);
  }
  return copy;
}

/** Which step the customer is asked for (`use_stripe_sdk`, `redirect_to_url` …), without its data. */
function nextActionType(action: object): { type: unknown; redacted: true } {
  return { type: (action as { type?: unknown }).type ?? null, redacted: true };
}
