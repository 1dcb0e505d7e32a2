import { CheckCircle2, Circle } from "lucide-react";
import type { Completeness } from "@/lib/disputes/completeness";
import { disputeReasonLabel, formatCount } from "@/lib/format";

/** The packet's completeness for the dispute's reason: a score, the checklist, and what is missing and why. */
export function EvidenceScore({ reason, completeness, locale }: { reason: string; completeness: Completeness; locale: string }) {
  const { score, items, missing } = completeness;
  const tone = score >= 80 ? "text-emerald-800" : score >= 50 ? "text-amber-800" : "text-red-800";
  return (
    <section className="mt-3 rounded-md bg-slate-50 p-3" aria-label="What matters for this reason" data-testid="evidence-score">
      <div className="flex items-baseline justify-between gap-3">
        <p className="text-xs font-semibold tracking-wide text-slate-600 uppercase">Checklist for “{disputeReasonLabel(reason)}”</p>
        <p className={`text-sm font-semibold ${tone}`}>
          Packet {formatCount(score, locale)} / 100
        </p>
      </div>
      <meter min={0} max={100} low={50} high={80} optimum={100} value={score} className="mt-1 h-2 w-full" aria-label="Evidence packet completeness" />
      <ul className="mt-1 grid gap-1 text-sm sm:grid-cols-2">
        {items.map((item) => (
          <li key={item.field} className="flex items-center gap-1.5">
            {item.provided ? <CheckCircle2 aria-hidden className="size-4 text-emerald-600" /> : <Circle aria-hidden className="size-4 text-slate-400" />}
            <span className={item.provided ? "text-slate-900" : "text-slate-600"}>{item.label}</span>
            <span className="sr-only">{item.provided ? "(provided)" : "(missing)"}</span>
          </li>
        ))}
      </ul>
      {missing.length > 0 ? (
        <div className="mt-2">
          <p className="text-xs font-semibold text-slate-700">Missing, most important first</p>
          <ul className="mt-1 space-y-1 text-xs text-slate-700" data-testid="evidence-missing">
            {missing.map((item) => (
              <li key={item.field}>
                <span className="font-medium text-slate-900">{item.label}</span> (+{formatCount(item.weight, locale)}): {item.why}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
