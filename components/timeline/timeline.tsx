import { Bot, UserRound } from "lucide-react";
import type { TimelineEntry } from "@/lib/audit/timeline";
import { formatDateTime, type ViewerFormat } from "@/lib/format";

/** Stripe's events and staff actions on one object, oldest first. */
export function Timeline({ entries, label = "Timeline", viewer }: { entries: TimelineEntry[]; label?: string; viewer: ViewerFormat }) {
  return (
    <section aria-label={label} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="text-sm font-semibold text-slate-900">{label}</h2>
      {entries.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">Nothing has happened yet. Stripe&apos;s events and staff actions appear here.</p>
      ) : (
        <ol className="mt-3 space-y-3" data-testid="timeline">
          {entries.map((entry) => (
            <li key={`${entry.source}-${entry.key}`} className="flex gap-3 text-sm" data-kind={entry.kind} data-source={entry.source}>
              <span className={`mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full ${entry.source === "staff" ? "bg-indigo-100 text-indigo-700" : "bg-slate-100 text-slate-600"}`}>
                {entry.source === "staff" ? <UserRound aria-hidden className="size-3.5" /> : <Bot aria-hidden className="size-3.5" />}
              </span>
              <div className="min-w-0">
                <p className="font-medium text-slate-900">
                  {entry.title}
                  {entry.status === "failed" ? <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs text-red-800">failed</span> : null}
                  {entry.status === "pending" ? <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">in progress</span> : null}
                </p>
                <p className="text-xs text-slate-500">
                  <time dateTime={entry.at.toISOString()}>{formatDateTime(entry.at, viewer)}</time>
                  {entry.actor ? ` · by ${entry.actor}` : " · Stripe"}
                </p>
                {entry.detail ? <p className="mt-0.5 text-slate-700">{entry.detail}</p> : null}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
