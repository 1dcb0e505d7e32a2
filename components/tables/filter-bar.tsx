import Link from "next/link";
import type { ReactNode } from "react";

/**
 * Filters are a plain GET form: submitting puts them in the URL (shareable, back button works)
 * and needs no JavaScript. A new filter always starts from the newest page.
 */
export function FilterBar({ action, children, clearHref, active }: { action: string; children: ReactNode; clearHref: string; active: boolean }) {
  return (
    <form action={action} method="get" role="search" aria-label="Filters" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
      {children}
      <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white outline-none hover:bg-indigo-500 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2">
        Apply
      </button>
      {active ? (
        <Link href={clearHref} className="px-1 py-1.5 text-sm font-medium text-slate-600 underline-offset-2 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-indigo-500">
          Clear filters
        </Link>
      ) : null}
    </form>
  );
}

const fieldClass = "mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30";

export function SelectFilter({ name, label, value, options }: { name: string; label: string; value?: string; options: ReadonlyArray<{ value: string; label: string }> }) {
  return (
    <label className="text-xs font-medium text-slate-700">
      {label}
      <select name={name} defaultValue={value ?? ""} className={fieldClass}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function TextFilter({ name, label, value, type = "text", placeholder, size, hint }: { name: string; label: string; value?: string; type?: "text" | "date" | "search"; placeholder?: string; size?: number; hint?: string }) {
  return (
    <label className="text-xs font-medium text-slate-700">
      {label}
      <input name={name} type={type} defaultValue={value ?? ""} placeholder={placeholder} size={size} title={hint} className={fieldClass} />
    </label>
  );
}
