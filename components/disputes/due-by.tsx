import { Clock } from "lucide-react";
import { formatDateTime, formatRelative, type ViewerFormat } from "@/lib/format";

/** The response deadline, red under 72 hours; nothing once evidence is submitted or the dispute is closed. */
export function DueBy({ dueBy, awaitingResponse, viewer }: { dueBy: Date | null; awaitingResponse: boolean; viewer: ViewerFormat }) {
  if (!dueBy || !awaitingResponse) return null;
  const now = new Date();
  const urgent = dueBy.getTime() - now.getTime() < 72 * 3_600_000;
  return (
    <p data-testid="due-by" className={`flex items-center gap-1.5 rounded-full px-3 py-1 text-xs font-semibold ${urgent ? "bg-red-100 text-red-800" : "bg-slate-100 text-slate-700"}`}>
      <Clock aria-hidden className="size-3.5" />
      Respond by {formatDateTime(dueBy, viewer)} ({formatRelative(dueBy, now, viewer)})
    </p>
  );
}
