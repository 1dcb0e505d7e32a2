import { dayIn, nextDay, parseDay, previousDay, startOfDayIn } from "@/lib/listing/days";

/**
 * The period the analytics cover: whole days from `from` to `to`, both included, in the account's
 * time zone, so "1 March" starts at the merchant's midnight. Defaults to the last 90 days.
 */

export const DEFAULT_DAYS = 90;
export const MAX_DAYS = 731;

export interface AnalyticsPeriod {
  from: string;
  to: string;
  timeZone: string;
  /** The first instant of `from` and the first instant after `to`, in the zone. */
  start: Date;
  end: Date;
}

export type PeriodReading = { ok: true; period: AnalyticsPeriod } | { ok: false; message: string };

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

export function readPeriod(input: { from?: string | null; to?: string | null }, timeZone: string, now = new Date()): PeriodReading {
  const today = dayIn(now, timeZone);
  let to = today;
  if (input.to) {
    const reading = parseDay(input.to.trim());
    if (!reading.ok) return reading;
    to = reading.day;
  }
  let from = to;
  if (input.from) {
    const reading = parseDay(input.from.trim());
    if (!reading.ok) return reading;
    from = reading.day;
  } else {
    for (let i = 1; i < DEFAULT_DAYS; i++) from = previousDay(from);
  }
  if (from > to) return { ok: false, message: `The period starts (${from}) after it ends (${to}): swap the dates.` };
  if (daysBetween(from, to) > MAX_DAYS) return { ok: false, message: `Choose at most ${MAX_DAYS} days; ${from} to ${to} is ${daysBetween(from, to)}.` };
  return { ok: true, period: { from, to, timeZone, start: startOfDayIn(from, timeZone), end: startOfDayIn(nextDay(to), timeZone) } };
}
