import type { ReactNode } from "react";

/**
 * On a narrow screen a table scrolls sideways inside its own frame with its first column, the row's
 * link, pinned: the page never scrolls sideways and every row keeps its name in sight. The frame
 * is focusable so a keyboard can scroll it too.
 */
const PINNED_FIRST_COLUMN =
  // Words in a cell wrap only at spaces (the page breaks long ids anywhere; a table scrolls instead).
  "[overflow-wrap:normal] [&_tr>*:first-child]:sticky [&_tr>*:first-child]:left-0 [&_tr>*:first-child]:z-10 [&_tr>*:first-child]:bg-(--color-surface) [&_tr>*:first-child]:shadow-[inset_-1px_0_0_var(--color-slate-200)]";

/**
 * The one table layout every list uses: a caption screen readers announce, column headers with
 * scope, and rows whose first cell is a real link so the keyboard reaches every row with Tab.
 */
export function Table({ caption, columns, children, testId }: { caption: string; columns: Array<{ label: string; align?: "right" }>; children: ReactNode; testId?: string }) {
  return (
    <div
      role="region"
      aria-label={caption}
      tabIndex={0}
      className={`overflow-x-auto rounded-lg border border-slate-200 bg-white outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 ${PINNED_FIRST_COLUMN} [&_thead_th:first-child]:bg-slate-50`}
    >
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

// On a phone the row link is a taller target for a thumb (WCAG 2.2 asks for 24 px).
export const rowLinkClass = "inline-block py-1 md:py-0 font-medium text-indigo-700 underline-offset-2 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-indigo-500 rounded-sm";

/**
 * A short table inside a detail page's section (a payment's refunds, a customer's payments): no
 * frame or header band of its own, since the section around it already has one.
 */
export function SectionTable({ caption, columns, children, testId }: { caption: string; columns: string[]; children: ReactNode; testId?: string }) {
  return (
    <div role="region" aria-label={caption} tabIndex={0} className={`mt-2 overflow-x-auto outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 ${PINNED_FIRST_COLUMN}`}>
      <table className="w-full text-left text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="text-xs text-slate-600 uppercase">
          <tr>
            {columns.map((label) => (
              <th key={label} scope="col" className="whitespace-nowrap py-1 pr-3 font-medium">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}
