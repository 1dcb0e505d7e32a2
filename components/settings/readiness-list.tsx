import { CircleAlert, CircleCheck, CircleX } from "lucide-react";

export interface ReadinessLine {
  check: string;
  title: string;
  status: "ok" | "warning" | "error";
  message: string;
}

const ICON = {
  ok: <CircleCheck aria-hidden className="size-4 shrink-0 text-emerald-600" />,
  warning: <CircleAlert aria-hidden className="size-4 shrink-0 text-amber-600" />,
  error: <CircleX aria-hidden className="size-4 shrink-0 text-red-600" />,
};
const STATUS_LABEL = { ok: "OK", warning: "Warning", error: "Problem" };

/** The live-readiness check's lines, each with what is wrong and how to fix it. */
export function ReadinessList({ lines }: { lines: ReadinessLine[] }) {
  return (
    <ul className="divide-y divide-slate-100 text-sm" data-testid="stripe-readiness">
      {lines.map((line) => (
        <li key={line.check} className="flex gap-3 px-4 py-3" data-check={line.check} data-status={line.status}>
          {ICON[line.status]}
          <div>
            <p className="font-medium">
              {line.title} <span className="sr-only">({STATUS_LABEL[line.status]})</span>
            </p>
            <p className="text-slate-600">{line.message}</p>
          </div>
        </li>
      ))}
    </ul>
  );
}
