// What a payment's charge says about the card (payment_method_details.card) and the payment's own
// metadata, read from the snapshots the webhook pipeline stores (charges.data, payment_intents.data),
// so the payment page needs no call to Stripe. A field Stripe left out reads as null.

export interface CardDetails {
  brand: string | null;
  last4: string | null;
  /** "04/2027". */
  expiry: string | null;
  /** ISO 3166-1 alpha-2 code of the issuing country ("US"). */
  country: string | null;
  funding: string | null;
  cvcCheck: string | null;
  addressLine1Check: string | null;
  postalCodeCheck: string | null;
  /** apple_pay, google_pay … or null for a card used directly. */
  wallet: string | null;
}

function record(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

/** The card a charge was made with, or null when it was not a card (or not stored yet). */
export function cardDetails(chargeData: unknown): CardDetails | null {
  const card = record(record(record(chargeData)?.payment_method_details)?.card);
  if (!card) return null;
  const checks = record(card.checks);
  const month = card.exp_month;
  const year = card.exp_year;
  const expiry = typeof month === "number" && typeof year === "number" && month >= 1 && month <= 12 ? `${String(month).padStart(2, "0")}/${year}` : null;
  return {
    brand: text(card.brand),
    last4: text(card.last4),
    expiry,
    country: text(card.country),
    funding: text(card.funding),
    cvcCheck: text(checks?.cvc_check),
    addressLine1Check: text(checks?.address_line1_check),
    postalCodeCheck: text(checks?.address_postal_code_check),
    wallet: text(record(card.wallet)?.type),
  };
}

/** An object's metadata as key and value pairs, sorted by key; Stripe keeps only strings there. */
export function metadataOf(objectData: unknown): Array<[key: string, value: string]> {
  const metadata = record(record(objectData)?.metadata);
  if (!metadata) return [];
  return Object.entries(metadata)
    .filter((entry): entry is [string, string] => typeof entry[1] === "string")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
