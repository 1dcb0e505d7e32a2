import type { ReactNode } from "react";
import type { Page } from "@/lib/listing/keyset";
import { pageLinks } from "@/lib/listing/page-links";
import { ListSummary } from "./list-summary";
import { Pagination } from "./pagination";

/**
 * Below every list's filter bar: how many rows its filters select and their export, then the rows
 * (`children`, the list's table) with their pages, or `empty` when no row matches.
 */
export function ListResults<T>({
  path,
  current,
  page,
  count,
  exportHref,
  empty,
  children,
}: {
  path: string;
  current: Record<string, string>;
  page: Page<T>;
  count: string;
  exportHref?: string;
  empty: ReactNode;
  children: ReactNode;
}) {
  return (
    <>
      <ListSummary count={count} exportHref={exportHref} />
      {page.rows.length === 0 ? (
        empty
      ) : (
        <>
          {children}
          <Pagination {...pageLinks(path, current, page)} shown={page.rows.length} />
        </>
      )}
    </>
  );
}
