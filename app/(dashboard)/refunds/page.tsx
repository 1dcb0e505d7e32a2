import { Undo2 } from "lucide-react";
import type { Metadata } from "next";
import { FilterBar, SelectFilter, TextFilter } from "@/components/tables/filter-bar";
import { Pagination } from "@/components/tables/pagination";
import { RefundsTable } from "@/components/tables/refunds-table";
import { AccessDenied } from "@/components/ui/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/require-role";
import { refundStatusLabel } from "@/lib/format";
import { getViewerFormat } from "@/lib/format/viewer";
import { decodeCursor } from "@/lib/listing/keyset";
import { hasFilters, pageLinks } from "@/lib/listing/page-links";
import { firstValues, readFilters, type RawSearchParams } from "@/lib/listing/search-params";
import { listRefunds, REFUND_STATUSES, refundFiltersSchema } from "@/lib/queries/refunds";

export const metadata: Metadata = { title: "Refunds · Ledgerline" };

const STATUS_OPTIONS = REFUND_STATUSES.map((value) => ({ value, label: refundStatusLabel(value) }));
const CURRENCY_OPTIONS = ["usd", "eur", "jpy", "gbp"].map((value) => ({ value, label: value.toUpperCase() }));

export default async function RefundsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const access = await requirePagePermission("dashboard.read");
  if (!access.ok) return <AccessDenied message={access.error} />;
  const current = firstValues(await searchParams);
  const reading = readFilters(refundFiltersSchema, current);
  const filters: Record<string, string | undefined> = reading.ok ? reading.filters : current;
  const invalid = (field: string) => !reading.ok && reading.fields.includes(field);
  const viewer = await getViewerFormat();
  const page = reading.ok ? await listRefunds(reading.filters, { timeZone: viewer.timeZone, cursor: decodeCursor(current.after) }) : null;
  const filtered = hasFilters(current);
  return (
    <>
      <PageHeader title="Refunds" description={`Refunds with their status, reason and the reference the customer's bank can trace (ARN). Dates in ${viewer.timeZone}.`} />
      <FilterBar action="/refunds" clearHref="/refunds" active={filtered} error={reading.ok ? undefined : reading.message}>
        <TextFilter name="q" type="search" label="Search" value={current.q} placeholder="re_…, ch_… or pi_…" size={24} />
        <SelectFilter name="status" label="Status" value={filters.status} options={STATUS_OPTIONS} />
        <SelectFilter name="currency" label="Currency" value={filters.currency} options={CURRENCY_OPTIONS} />
        <TextFilter name="from" type="date" label="From" value={current.from} invalid={invalid("from")} />
        <TextFilter name="to" type="date" label="To" value={current.to} invalid={invalid("to")} />
      </FilterBar>
      {!page ? null : page.rows.length === 0 ? (
        <EmptyState icon={Undo2} title={filtered ? "No refund matches these filters" : "No refunds yet"}>
          {filtered ? "Try other filters or clear them." : "Refunds made here or in Stripe appear once Stripe reports them."}
        </EmptyState>
      ) : (
        <>
          <RefundsTable rows={page.rows} viewer={viewer} />
          <Pagination {...pageLinks("/refunds", current, page)} shown={page.rows.length} />
        </>
      )}
    </>
  );
}
