import { Download } from "lucide-react";
import Link from "next/link";

/**
 * Above every list: how many rows its filters select (a number a formatter already wrote) and, for
 * those allowed, the export of exactly those rows.
 */
export function ListSummary({ count, exportHref }: { count: string; exportHref?: string }) {
  return (
    <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
      <p role="status" data-testid="list-count" className="text-sm font-medium text-slate-700">
        {count}
      </p>
      {exportHref ? (
        <Link
          href={exportHref}
          prefetch={false}
          data-testid="export-csv"
          className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 outline-none hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-indigo-500"
        >
          <Download aria-hidden className="size-4" /> Export CSV
        </Link>
      ) : null}
    </div>
  );
}
