// How long staff have left to answer a dispute, as the lists show it: plain arithmetic on the due
// date, so server and client components can both use it.

/** Under 72 hours left is urgent (shown in red). */
export const URGENT_RESPONSE_MS = 72 * 3600 * 1000;

export function timeLeft(dueBy: Date | null, now: Date): { text: string; urgent: boolean; overdue: boolean } | null {
  if (!dueBy) return null;
  const ms = dueBy.getTime() - now.getTime();
  if (ms <= 0) return { text: "Past due", urgent: true, overdue: true };
  const hours = Math.floor(ms / 3_600_000);
  const text = hours >= 48 ? `${Math.floor(hours / 24)} days left` : hours >= 1 ? `${hours} h left` : `${Math.max(1, Math.floor(ms / 60_000))} min left`;
  return { text, urgent: ms < URGENT_RESPONSE_MS, overdue: false };
}
