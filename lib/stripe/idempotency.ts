/**
 * Stripe idempotency keys derived from a row we wrote before calling Stripe (a StaffAction's id,
 * a backfill job's id…). The same row always yields the same key, so a double click, a retry after
 * a timeout or a second app instance re-sends the same key and Stripe performs the call once.
 */

const KEY_PART = /^[A-Za-z0-9_.:-]+$/;

/** `ledgerline:<purpose>:<rowId>`; Stripe allows up to 255 characters. */
export function idempotencyKeyFor(purpose: string, rowId: string): string {
  if (!KEY_PART.test(purpose)) throw new Error(`Idempotency purpose must be a plain word, got "${purpose}"`);
  if (!KEY_PART.test(rowId)) throw new Error(`Idempotency row id must be a plain id, got "${rowId}"`);
  const key = `ledgerline:${purpose}:${rowId}`;
  if (key.length > 255) throw new Error("Idempotency key longer than Stripe's 255 characters");
  return key;
}

/** Request options for a POST carrying the row's key. */
export function idempotentRequest(purpose: string, rowId: string): { idempotencyKey: string } {
  return { idempotencyKey: idempotencyKeyFor(purpose, rowId) };
}
