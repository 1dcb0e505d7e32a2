import { Scale } from "lucide-react";
import type { Metadata } from "next";
import { DisputesTable } from "@/components/tables/disputes-table";
import { FilterBar, SelectFilter, TextFilter } from "@/components/tables/filter-bar";
import { Pagination } from "@/components/tables/pagination";
import { AccessDenied } from "@/components/ui/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/require-role";
import { disputeReasonLabel, disputeStatusLabel } from "@/lib/format";
import { getViewerFormat } from "@/lib/format/viewer";
import { decodeCursor } from "@/lib/listing/keyset";
import { hasFilters, pageLinks } from "@/lib/listing/page-links";
import { firstValues, type RawSearchParams } from "@/lib/listing/search-params";
import { DISPUTE_REASONS, DISPUTE_STATUSES, disputeFiltersSchema, listDisputes } from "@/lib/queries/disputes";

export const metadata: Metadata = { title: "Disputes · Ledgerline" };

const STATUS_OPTIONS = DISPUTE_STATUSES.map((value) => ({ value, label: disputeStatusLabel(value) }));
const REASON_OPTIONS = DISPUTE_REASONS.map((value) => ({ value, label: disputeReasonLabel(value) }));

export default async function DisputesPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const access = await requirePagePermission("dashboard.read");
  if (!access.ok) return <AccessDenied message={access.error} />;
  const current = firstValues(await searchParams);
  const filters = disputeFiltersSchema.parse(current);
  const viewer = await getViewerFormat();
  const page = await listDisputes(filters, { cursor: decodeCursor(current.after) });
  const filtered = hasFilters(current);
  return (
    <>
      <PageHeader title="Disputes" description={`Chargebacks and inquiries, newest first. Under 72 hours left to respond shows in red. Dates in ${viewer.timeZone}.`} actions={<Link className="text-sm font-medium text-indigo-700 underline" href="/disputes/analytics">Analytics</Link>} />
      <FilterBar action="/disputes" clearHref="/disputes" active={filtered}>
        <TextFilter name="q" type="search" label="Search" value={current.q} placeholder="dp_…, ch_… or pi_…" size={24} />
        <SelectFilter name="status" label="Status" value={filters.status} options={STATUS_OPTIONS} />
        <SelectFilter name="reason" label="Reason" value={filters.reason} options={REASON_OPTIONS} />
      </FilterBar>
      {page.rows.length === 0 ? (
        <EmptyState icon={Scale} title={filtered ? "No dispute matches these filters" : "No disputes"}>
          {filtered ? "Try other filters or clear them." : "When a customer disputes a payment with their bank, it appears here with the deadline to respond."}
        </EmptyState>
      ) : (
        <>
          <DisputesTable rows={page.rows} viewer={viewer} now={new Date()} />
          <Pagination {...pageLinks("/disputes", current, page)} shown={page.rows.length} />
        </>
      )}
    </>
  );
}
