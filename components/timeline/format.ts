/** Dates as staff read them. UTC until the merchant's time-zone setting is wired in. */
const dateTime = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", dateStyle: "medium", timeStyle: "short" });
const dateOnly = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", dateStyle: "medium" });

export function formatDateTime(at: Date | string | null | undefined): string {
  if (!at) return "—";
  return `${dateTime.format(new Date(at))} UTC`;
}

export function formatDate(at: Date | string | null | undefined): string {
  if (!at) return "—";
  return dateOnly.format(new Date(at));
}

/** "in 2 days 4 hours" / "3 hours ago", for deadlines. */
export function relativeTo(at: Date, now: Date = new Date()): string {
  const ms = at.getTime() - now.getTime();
  const abs = Math.abs(ms);
  const hours = Math.floor(abs / 3_600_000);
  const days = Math.floor(hours / 24);
  const text = days >= 1 ? `${days} day${days === 1 ? "" : "s"} ${hours % 24} h` : hours >= 1 ? `${hours} h ${Math.floor((abs % 3_600_000) / 60_000)} min` : `${Math.max(1, Math.floor(abs / 60_000))} min`;
  return ms >= 0 ? `in ${text}` : `${text} ago`;
}
