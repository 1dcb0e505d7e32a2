import { ChevronLeft } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";

export interface BackLink {
  href: string;
  label: string;
}

/** A detail page names the list it belongs to above its title, so there is always a way back. */
export function PageHeader({ title, description, actions, back }: { title: string; description?: string; actions?: ReactNode; back?: BackLink }) {
  return (
    <header className="mb-6">
      {back ? (
        <nav aria-label="Breadcrumb" className="mb-2">
          <Link
            href={back.href}
            data-testid="back-link"
            className="-ml-1 inline-flex items-center gap-1 rounded-sm py-1 text-sm font-medium text-indigo-700 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-indigo-500"
          >
            <ChevronLeft aria-hidden className="size-4" />
            {back.label}
          </Link>
        </nav>
      ) : null}
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-xl font-semibold tracking-tight text-slate-900">{title}</h1>
          {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
        </div>
        {actions}
      </div>
    </header>
  );
}
