/** Dates as staff read them, in the merchant's time zone (lib/listing/time-zone.ts; UTC by default). */
const formatters = new Map<string, { dateTime: Intl.DateTimeFormat; date: Intl.DateTimeFormat }>();

function formattersFor(timeZone: string) {
  let found = formatters.get(timeZone);
  if (!found) {
    found = {
      // Intl refuses timeZoneName together with dateStyle/timeStyle: spell the fields out.
      dateTime: new Intl.DateTimeFormat("en-GB", { timeZone, day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" }),
      date: new Intl.DateTimeFormat("en-GB", { timeZone, day: "numeric", month: "short", year: "numeric" }),
    };
    formatters.set(timeZone, found);
  }
  return found;
}

export function formatDateTime(at: Date | string | null | undefined, timeZone = "UTC"): string {
  if (!at) return "—";
  return formattersFor(timeZone).dateTime.format(new Date(at));
}

export function formatDate(at: Date | string | null | undefined, timeZone = "UTC"): string {
  if (!at) return "—";
  return formattersFor(timeZone).date.format(new Date(at));
}

/** "in 2 days 4 h" / "3 h 5 min ago", for deadlines. */
export function relativeTo(at: Date, now: Date = new Date()): string {
  const ms = at.getTime() - now.getTime();
  const abs = Math.abs(ms);
  const hours = Math.floor(abs / 3_600_000);
  const days = Math.floor(hours / 24);
  const text = days >= 1 ? `${days} day${days === 1 ? "" : "s"} ${hours % 24} h` : hours >= 1 ? `${hours} h ${Math.floor((abs % 3_600_000) / 60_000)} min` : `${Math.max(1, Math.floor(abs / 60_000))} min`;
  return ms >= 0 ? `in ${text}` : `${text} ago`;
}
