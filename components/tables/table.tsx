import type { ReactNode } from "react";

/**
 * The one table layout every list uses: a caption screen readers announce, column headers with
 * scope, and rows whose first cell is a real link so the keyboard reaches every row with Tab.
 */
export function Table({ caption, columns, children, testId }: { caption: string; columns: Array<{ label: string; align?: "right" }>; children: ReactNode; testId?: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50">
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col" className={`whitespace-nowrap px-3 py-2 text-xs font-semibold uppercase tracking-wide text-slate-600 ${column.align === "right" ? "text-right" : "text-left"}`}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

export function Cell({ children, align, className = "" }: { children: ReactNode; align?: "right"; className?: string }) {
  return <td className={`whitespace-nowrap px-3 py-2 ${align === "right" ? "text-right tabular-nums" : ""} ${className}`}>{children}</td>;
}

export const rowLinkClass = "font-medium text-indigo-700 underline-offset-2 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-indigo-500 rounded-sm";

/**
 * A short table inside a detail page's section (a payment's refunds, a customer's payments): no
 * frame or header band of its own, since the section around it already has one.
 */
export function SectionTable({ caption, columns, children, testId }: { caption: string; columns: string[]; children: ReactNode; testId?: string }) {
  return (
    <table className="mt-2 w-full text-left text-sm" data-testid={testId}>
      <caption className="sr-only">{caption}</caption>
      <thead className="text-xs text-slate-600 uppercase">
        <tr>
          {columns.map((label) => (
            <th key={label} scope="col" className="py-1 font-medium">
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">{children}</tbody>
    </table>
  );
}
