/** What a list shows while its rows load: the page's title and grey bars the size of rows. */
export function TableSkeleton({ title, rows = 10 }: { title: string; rows?: number }) {
  return (
    <div role="status" aria-live="polite" aria-label={`Loading ${title.toLowerCase()}`}>
      <h1 className="mb-6 text-xl font-semibold tracking-tight text-slate-900">{title}</h1>
      <div className="mb-4 h-14 animate-pulse rounded-lg bg-slate-100" />
      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="flex gap-4 border-b border-slate-100 px-3 py-3 last:border-0">
            <div className="h-3 w-20 animate-pulse rounded bg-slate-200" />
            <div className="h-3 w-24 animate-pulse rounded bg-slate-100" />
            <div className="h-3 flex-1 animate-pulse rounded bg-slate-100" />
            <div className="h-3 w-28 animate-pulse rounded bg-slate-100" />
          </div>
        ))}
      </div>
      <span className="sr-only">Loading…</span>
    </div>
  );
}
