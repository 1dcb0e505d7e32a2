import { Clock } from "lucide-react";
import { formatDateTime, relativeTo } from "@/components/timeline/format";

/** The response deadline, always visible; red under 72 hours. */
export function DueBy({ dueBy, answered, timeZone = "UTC" }: { dueBy: Date | null; answered: boolean; timeZone?: string }) {
  if (!dueBy) return null;
  const now = new Date();
  const urgent = !answered && dueBy.getTime() - now.getTime() < 72 * 3_600_000;
  return (
    <p data-testid="due-by" className={`flex items-center gap-1.5 rounded-full px-3 py-1 text-xs font-semibold ${urgent ? "bg-red-100 text-red-800" : "bg-slate-100 text-slate-700"}`}>
      <Clock aria-hidden className="size-3.5" />
      Respond by {formatDateTime(dueBy, timeZone)} ({relativeTo(dueBy, now)})
    </p>
  );
}
