import Link from "next/link";

/**
 * Keyset pages have no page numbers: "Newest" goes back to the start, "Next page" follows the
 * cursor. The browser's back button returns to the previous page because the cursor is in the URL.
 */
export function Pagination({ firstHref, nextHref, isFirst, shown }: { firstHref: string; nextHref: string | null; isFirst: boolean; shown: number }) {
  return (
    <nav aria-label="Pages" className="mt-3 flex items-center justify-between text-sm text-slate-600">
      <span>{shown === 0 ? "No rows" : `Showing ${shown} ${shown === 1 ? "row" : "rows"}${isFirst ? "" : " (older page)"}`}</span>
      <span className="flex gap-2">
        {isFirst ? null : (
          <Link href={firstHref} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 outline-none hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-indigo-500">
            Newest
          </Link>
        )}
        {nextHref ? (
          <Link href={nextHref} rel="next" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 outline-none hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-indigo-500">
            Next page
          </Link>
        ) : (
          <span aria-disabled="true" className="rounded-md border border-slate-200 px-3 py-1.5 text-slate-400">
            No more
          </span>
        )}
      </span>
    </nav>
  );
}
