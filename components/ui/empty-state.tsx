import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";

/** An honest "nothing here yet": says what will appear and where it comes from. */
export function EmptyState({ icon: Icon, title, children }: { icon: LucideIcon; title: string; children: ReactNode }) {
  return (
    <div className="flex flex-col items-center rounded-lg border border-dashed border-slate-300 bg-white px-6 py-14 text-center">
      <Icon aria-hidden className="size-8 text-slate-400" />
      <h2 className="mt-3 text-sm font-semibold text-slate-900">{title}</h2>
      <div className="mt-1 max-w-md text-sm text-slate-600">{children}</div>
    </div>
  );
}
