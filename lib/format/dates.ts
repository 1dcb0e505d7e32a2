// Every date and time a person reads, in the viewer's locale and time zone. One style everywhere:
// the medium date ("Dec 6, 2026" in en-US, "6 Dec 2026" in en-GB) and, for instants, the short
// time with the zone's name, so a time never reads as the viewer's own clock by accident.
import type { ViewerFormat } from "./viewer-format";

type When = Date | string | number | null | undefined;

// Building an Intl formatter costs far more than using one, and a list page formats every row.
const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: "dateTime" | "date" | "day" | "shortDay", viewer: ViewerFormat): Intl.DateTimeFormat {
  const key = `${kind}|${viewer.locale}|${viewer.timeZone}`;
  let found = cache.get(key);
  if (!found) {
    // Calendar days ("2026-11-01") carry no zone: they are read as UTC so no zone can shift them.
    const timeZone = kind === "day" || kind === "shortDay" ? "UTC" : viewer.timeZone;
    const options: Intl.DateTimeFormatOptions =
      kind === "dateTime"
        ? // Intl refuses timeZoneName together with dateStyle/timeStyle: the fields are spelled out.
          { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" }
        : kind === "shortDay"
          ? { month: "numeric", day: "numeric" }
          : { year: "numeric", month: "short", day: "numeric" };
    found = new Intl.DateTimeFormat(viewer.locale, { ...options, timeZone });
    cache.set(key, found);
  }
  return found;
}

function instant(at: When): Date | null {
  if (at === null || at === undefined || at === "") return null;
  const date = at instanceof Date ? at : new Date(at);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "Nov 2, 2026, 1:30 AM GMT+9"; "—" when there is no date. */
export function formatDateTime(at: When, viewer: ViewerFormat): string {
  const date = instant(at);
  return date ? formatter("dateTime", viewer).format(date) : "—";
}

/** "Nov 2, 2026": the date of an instant in the viewer's zone; "—" when there is none. */
export function formatDate(at: When, viewer: ViewerFormat): string {
  const date = instant(at);
  return date ? formatter("date", viewer).format(date) : "—";
}

function dayInstant(day: string): Date {
  const date = new Date(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(date.getTime())) throw new RangeError(`Not a calendar day: ${day}`);
  return date;
}

/** A calendar day ("2026-11-01"), already the merchant's, as "Nov 1, 2026". */
export function formatDay(day: string, viewer: ViewerFormat): string {
  return formatter("day", viewer).format(dayInstant(day));
}

/** A calendar day as a chart tick: "11/1" in en-US, "01/11" in en-GB. */
export function formatShortDay(day: string, viewer: ViewerFormat): string {
  return formatter("shortDay", viewer).format(dayInstant(day));
}

const relativeCache = new Map<string, Intl.RelativeTimeFormat>();

/**
 * "in 50 hours", "3 days ago": how far an instant is from now, in one unit that stays exact
 * enough for a deadline (minutes under an hour, hours under three days, then days). Rounded
 * towards now, so time left is never overstated.
 */
export function formatRelative(at: Date, now: Date, viewer: ViewerFormat): string {
  let format = relativeCache.get(viewer.locale);
  if (!format) {
    format = new Intl.RelativeTimeFormat(viewer.locale, { numeric: "always" });
    relativeCache.set(viewer.locale, format);
  }
  const ms = at.getTime() - now.getTime();
  const sign = ms < 0 ? -1 : 1;
  const abs = Math.abs(ms);
  if (abs < 3_600_000) return format.format(sign * Math.max(1, Math.floor(abs / 60_000)), "minute");
  if (abs < 72 * 3_600_000) return format.format(sign * Math.floor(abs / 3_600_000), "hour");
  return format.format(sign * Math.floor(abs / 86_400_000), "day");
}
