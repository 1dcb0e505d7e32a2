/**
 * Small, forgiving readers for Stripe objects as they arrive in events: fields may be missing in
 * older API versions, expandable fields may be an id or the expanded object.
 */

export type StripeObject = Record<string, unknown> & { id?: unknown; object?: unknown };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function text(o: unknown, key: string): string | null {
  if (!isRecord(o)) return null;
  const v = o[key];
  return typeof v === "string" ? v : null;
}

export function integer(o: unknown, key: string): number | null {
  if (!isRecord(o)) return null;
  const v = o[key];
  return typeof v === "number" && Number.isFinite(v) ? Math.trunc(v) : null;
}

export function money(o: unknown, key: string): bigint {
  return BigInt(integer(o, key) ?? 0);
}

export function flag(o: unknown, key: string): boolean {
  return isRecord(o) && o[key] === true;
}

export function child(o: unknown, ...path: string[]): Record<string, unknown> | null {
  let current: unknown = o;
  for (const key of path) {
    if (!isRecord(current)) return null;
    current = current[key];
  }
  return isRecord(current) ? current : null;
}

/** The id of an expandable field: `"ch_…"` or `{ id: "ch_…", … }`. */
export function idOf(o: unknown, key: string): string | null {
  if (!isRecord(o)) return null;
  const v = o[key];
  if (typeof v === "string") return v;
  if (isRecord(v) && typeof v.id === "string") return v.id;
  return null;
}

/** Unix seconds to a Date; 0 and null mean "none", as in `evidence_details.due_by`. */
export function unixDate(o: unknown, key: string): Date | null {
  const seconds = integer(o, key);
  return seconds ? new Date(seconds * 1000) : null;
}

export function requiredId(o: StripeObject): string {
  if (typeof o.id !== "string" || o.id === "") throw new Error("Stripe object without an id");
  return o.id;
}
