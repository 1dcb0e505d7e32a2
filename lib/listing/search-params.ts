// Filters live in the URL so a filtered list can be shared and the back button restores it.
// Next hands searchParams as string | string[] | undefined; we keep the first value and let zod
// decide the rest. A bad choice from a list falls back to "no filter"; a date that does not exist
// refuses the whole filter with a message, because reading it as another day (or as none) would
// show a list that looks filtered and is not.
import { z } from "zod";
import { parseAmount } from "@/lib/money";
import { nextDay, parseDay, startOfDayIn } from "./days";

export type RawSearchParams = Record<string, string | string[] | undefined>;

export function firstValues(raw: RawSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string" && first.trim() !== "") out[key] = first.trim();
  }
  return out;
}

/** An optional field that becomes undefined when invalid, so one bad value does not void the rest. */
export function lenient<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}

/** A calendar day typed in a filter; one that does not exist is an error, not "no filter". */
export const dayText = z.string().superRefine((value, ctx) => {
  const reading = parseDay(value);
  if (!reading.ok) ctx.addIssue({ code: "custom", message: reading.message });
});

/** "from" and "to" days, refused when "to" comes first (the range would be silently empty). */
export function dayRangeFields() {
  return { from: dayText.optional(), to: dayText.optional() };
}

export function checkDayRange(value: { from?: string; to?: string }, ctx: z.RefinementCtx): void {
  if (value.from && value.to && value.from > value.to) {
    ctx.addIssue({ code: "custom", path: ["to"], message: `The “To” date (${value.to}) is before the “From” date (${value.from}).` });
  }
}

export type FilterReading<T> = { ok: true; filters: T } | { ok: false; message: string; fields: string[] };

/** Parses a list's filters; a refusal names every bad field so the filter bar can mark them. */
export function readFilters<T>(schema: z.ZodType<T>, current: Record<string, string>): FilterReading<T> {
  const parsed = schema.safeParse(current);
  if (parsed.success) return { ok: true, filters: parsed.data };
  const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? "")))];
  return { ok: false, message: parsed.error.issues.map((issue) => issue.message).join(" "), fields };
}
export const currencyCode = z.string().regex(/^[a-zA-Z]{3}$/).transform((v) => v.toLowerCase());

/**
 * One value from a fixed list, refused with a message naming what was given: an export or a count
 * that quietly dropped a misspelt status would describe rows nobody asked for.
 */
export function choice<const T extends readonly [string, ...string[]]>(values: T, noun: string) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || (values as readonly string[]).includes(value)) return value as T[number] | undefined;
      ctx.addIssue({ code: "custom", message: `Unknown ${noun} “${value}”: choose one from the list.` });
      return z.NEVER;
    })
    .optional();
}

/** A tick box ("Unread only"): "1" when ticked, absent otherwise; anything else is refused. */
export function tickField(label: string) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === "1") return value as "1" | undefined;
      ctx.addIssue({ code: "custom", message: `“${label}” is either ticked (1) or left out, not “${value}”.` });
      return z.NEVER;
    })
    .optional();
}

/** A currency filter: three letters, any case, refused otherwise. */
export const currencyField = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined) return undefined;
    if (/^[a-zA-Z]{3}$/.test(value)) return value.toLowerCase();
    ctx.addIssue({ code: "custom", message: `“${value}” is not a currency: write its three-letter code, for example usd.` });
    return z.NEVER;
  })
  .optional();

export interface CreatedRange {
  from?: Date;
  /** Exclusive. */
  before?: Date;
}

/** "from" and "to" are inclusive calendar days in the merchant's zone. */
export function createdRange(from: string | undefined, to: string | undefined, timeZone: string): CreatedRange {
  return {
    from: from ? startOfDayIn(from, timeZone) : undefined,
    before: to ? startOfDayIn(nextDay(to), timeZone) : undefined,
  };
}

/**
 * An amount filter typed in major units, in the viewer's number format and the currency's own
 * decimals; undefined if unreadable (the page shows `amountFilterProblem`'s message for it).
 */
export function amountInMinorUnits(text: string | undefined, currency: string | undefined, locale: string): bigint | undefined {
  if (!text || !currency) return undefined;
  const parsed = parseAmount(text, currency, locale);
  return parsed.ok ? parsed.amount : undefined;
}

/** Why an amount filter cannot be read, or null when it can (or there is none). */
export function amountFilterProblem(text: string | undefined, currency: string | undefined, locale: string): string | null {
  if (!text) return null;
  if (!currency) return "Choose a currency to filter by amount.";
  const parsed = parseAmount(text, currency, locale);
  return parsed.ok ? null : parsed.message;
}

/** Builds a URL for the same list with some parameters changed (undefined removes one). */
export function listHref(path: string, current: Record<string, string | undefined>, changes: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...current, ...changes })) {
    if (value !== undefined && value !== "") params.set(key, value);
  }
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
