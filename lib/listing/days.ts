// Calendar days ("2026-11-01") as staff type them in filters, and the instants where they begin in a
// zone. Stripe stores instants; "1 November" only means something in a zone, and on the days a zone
// moves its clocks around midnight that day may not begin at 00:00 at all.
import { tzOffset } from "@date-fns/tz";

const HOUR = 3_600_000;
const FIRST_YEAR = 1970;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export type DayReading = { ok: true; day: string } | { ok: false; message: string };

/** Reads "YYYY-MM-DD" as a day of the calendar, refusing one that does not exist instead of rolling it over. */
export function parseDay(text: string): DayReading {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return { ok: false, message: `“${text}” is not a date: write it as YYYY-MM-DD, for example 2026-03-01.` };
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < FIRST_YEAR) return { ok: false, message: `“${text}” is too early: choose a date from ${FIRST_YEAR}-01-01 on.` };
  if (month < 1 || month > 12) return { ok: false, message: `“${text}” is not a date: there is no month ${month}.` };
  const length = daysInMonth(year, month);
  if (day < 1 || day > length) return { ok: false, message: `“${text}” is not a date: ${MONTHS[month - 1]} ${year} has ${length} days.` };
  return { ok: true, day: text };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The day's midnight as if the zone were UTC; refuses a day that does not exist. */
function wallMidnight(day: string): number {
  const reading = parseDay(day);
  if (!reading.ok) throw new RangeError(reading.message);
  const [y, m, d] = day.split("-").map(Number);
  return Date.UTC(y!, m! - 1, d!);
}

/** What to add to an instant to read the zone's wall clock, in milliseconds. */
function offsetAt(timeZone: string, instant: number): number {
  const minutes = tzOffset(timeZone, new Date(instant));
  if (Number.isNaN(minutes)) throw new RangeError(`Unknown time zone “${timeZone}”.`);
  return Math.round(minutes * 60_000);
}

/**
 * The first instant whose local date in the zone is `day`. Usually its midnight; where the clocks
 * jump forward over midnight (Chile, Cuba, Paraguay, the Azores) the day begins at the jump, and
 * where 00:00 happens twice it begins at the first one.
 */
export function startOfDayIn(day: string, timeZone: string): Date {
  const midnight = wallMidnight(day);
  // Offsets run from UTC−12 to UTC+14, so the day's edge lies within 15 hours of `midnight` read as
  // UTC; no zone changes its clocks twice within that window.
  const early = midnight - 15 * HOUR;
  const late = midnight + 15 * HOUR;
  const before = offsetAt(timeZone, early);
  const after = offsetAt(timeZone, late);
  if (before === after) return new Date(midnight - before);
  // Midnight read under each offset, the earlier first: whichever the zone really shows as 00:00.
  for (const candidate of [midnight - before, midnight - after].sort((a, b) => a - b)) {
    if (offsetAt(timeZone, candidate) === midnight - candidate) return new Date(candidate);
  }
  // 00:00 is skipped: the day begins at the instant the clocks jump past it.
  let lo = early;
  let hi = late;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(timeZone, mid) === before) lo = mid;
    else hi = mid;
  }
  return new Date(hi);
}

/** The calendar day ("2026-11-01") of an instant in the zone. */
export function dayIn(instant: Date, timeZone: string): string {
  const t = instant.getTime();
  return new Date(t + offsetAt(timeZone, t)).toISOString().slice(0, 10);
}

/** The day after a calendar day. */
export function nextDay(day: string): string {
  return new Date(wallMidnight(day) + 24 * HOUR).toISOString().slice(0, 10);
}

/** The day before a calendar day. */
export function previousDay(day: string): string {
  return new Date(wallMidnight(day) - 24 * HOUR).toISOString().slice(0, 10);
}
