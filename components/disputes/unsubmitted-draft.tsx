import { TriangleAlert } from "lucide-react";
import type { UnsubmittedDraft } from "@/lib/disputes/draft-deadline";
import { formatDateTime, formatRelative, type ViewerFormat } from "@/lib/format";

/** A saved draft nobody has submitted, before the deadline: when it is due and what happens then. */
export function UnsubmittedDraftNotice({ draft, now, viewer }: { draft: UnsubmittedDraft; now: Date; viewer: ViewerFormat }) {
  return (
    <div role="status" data-testid="unsubmitted-draft" className={`mb-4 flex gap-2 rounded-md border p-3 text-sm ${draft.urgent ? "border-red-300 bg-red-50 text-red-900" : "border-amber-300 bg-amber-50 text-amber-950"}`}>
      <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div>
        <p className="font-medium">
          Evidence is saved as a draft but not submitted. Submit it by {formatDateTime(draft.dueBy, viewer)} ({formatRelative(draft.dueBy, now, viewer)}).
        </p>
        <p>{draft.atDeadline}</p>
      </div>
    </div>
  );
}
