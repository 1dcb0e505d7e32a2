import type { LucideIcon } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";

/** What a 404 or 403 shows: the status in words, why, and a way back. */
export function FallbackPage({ icon: Icon, status, title, children, backHref = "/", backLabel = "Back to the overview", alert = false }: {
  icon: LucideIcon;
  status: 403 | 404;
  title: string;
  children: ReactNode;
  backHref?: string;
  backLabel?: string;
  /** A refusal is announced as one. */
  alert?: boolean;
}) {
  return (
    <div className="mx-auto flex max-w-lg flex-col items-center px-4 py-16 text-center" data-testid={`status-${status}`} role={alert ? "alert" : undefined}>
      <Icon aria-hidden className="size-10 text-slate-400" />
      <p className="mt-4 text-sm font-semibold text-indigo-700">{status === 404 ? "404 · Not found" : "403 · No access"}</p>
      <h1 className="mt-1 text-xl font-semibold tracking-tight text-slate-900">{title}</h1>
      <div className="mt-2 text-sm text-slate-600">{children}</div>
      <Link
        href={backHref}
        className="mt-6 inline-flex min-h-11 items-center rounded-md bg-indigo-600 px-4 text-sm font-medium text-white outline-none hover:bg-indigo-500 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2"
      >
        {backLabel}
      </Link>
    </div>
  );
}
