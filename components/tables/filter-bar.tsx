import Link from "next/link";
import type { ReactNode } from "react";

export const FILTER_ERROR_ID = "filter-error";

/**
 * Filters are a plain GET form: submitting puts them in the URL (shareable, back button works)
 * and needs no JavaScript. A new filter always starts from the newest page. A refused filter keeps
 * what was typed, says why, and is not applied.
 */
export function FilterBar({ action, children, clearHref, active, error }: { action: string; children: ReactNode; clearHref: string; active: boolean; error?: string }) {
  return (
    <form action={action} method="get" role="search" aria-label="Filters" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
      {error ? (
        <p id={FILTER_ERROR_ID} role="alert" className="w-full text-sm font-medium text-red-800">
          {error} These filters were not applied.
        </p>
      ) : null}
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

const fieldShape = "mt-1 block rounded-md border bg-white px-2 py-1.5 text-sm text-slate-900 outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30";
const fieldClass = `${fieldShape} border-slate-300`;
const invalidFieldClass = `${fieldShape} border-red-600`;

export function SelectFilter({ name, label, value, options, anyLabel = "Any", invalid }: { name: string; label: string; value?: string; options: ReadonlyArray<{ value: string; label: string }>; anyLabel?: string; invalid?: boolean }) {
  return (
    <label className="text-xs font-medium text-slate-700">
      {label}
      <select name={name} defaultValue={value ?? ""} aria-invalid={invalid || undefined} aria-describedby={invalid ? FILTER_ERROR_ID : undefined} className={invalid ? invalidFieldClass : fieldClass}>
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function TextFilter({ name, label, value, type = "text", placeholder, size, hint, invalid }: { name: string; label: string; value?: string; type?: "text" | "date" | "search"; placeholder?: string; size?: number; hint?: string; invalid?: boolean }) {
  return (
    <label className="text-xs font-medium text-slate-700">
      {label}
      <input
        name={name}
        // A date input blanks a value that is not a real date, which would hide what was refused.
        type={invalid && type === "date" ? "text" : type}
        defaultValue={value ?? ""}
        placeholder={placeholder}
        size={size}
        title={hint}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? FILTER_ERROR_ID : undefined}
        className={invalid ? invalidFieldClass : fieldClass}
      />
    </label>
  );
}

/** A yes-or-no narrowing ("unread only"): present in the URL as name=1 when ticked. */
export function CheckFilter({ name, label, checked, invalid }: { name: string; label: string; checked: boolean; invalid?: boolean }) {
  return (
    <label className="flex items-center gap-2 pb-1.5 text-xs font-medium text-slate-700">
      <input
        type="checkbox"
        name={name}
        value="1"
        defaultChecked={checked}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? FILTER_ERROR_ID : undefined}
        className={`rounded ${invalid ? "border-red-600" : "border-slate-300"}`}
      />
      {label}
    </label>
  );
}

/** The list's order; the first option (newest first) is the default and leaves the URL clean. */
export function SortFilter({ value, options, invalid }: { value?: string; options: ReadonlyArray<{ value: string; label: string }>; invalid?: boolean }) {
  const [first, ...rest] = options;
  return <SelectFilter name="sort" label="Sort" value={value === first?.value ? "" : value} anyLabel={first?.label ?? "Newest first"} options={rest} invalid={invalid} />;
}

/** "From" and "To" days, inclusive, in the time zone the page names. */
export function DateRangeFilter({ current, invalid }: { current: Record<string, string | undefined>; invalid: (field: string) => boolean }) {
  return (
    <>
      <TextFilter name="from" type="date" label="From" value={current.from} invalid={invalid("from")} />
      <TextFilter name="to" type="date" label="To" value={current.to} invalid={invalid("to")} />
    </>
  );
}
