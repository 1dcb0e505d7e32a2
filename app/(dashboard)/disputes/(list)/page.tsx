import { Scale } from "lucide-react";
import type { Metadata } from "next";
import { DisputesTable } from "@/components/tables/disputes-table";
import { DateRangeFilter, FilterBar, SelectFilter, SortFilter, TextFilter } from "@/components/tables/filter-bar";
import { ListResults } from "@/components/tables/list-results";
import { AccessDenied } from "@/components/ui/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/require-role";
import { disputeReasonLabel, disputeStatusLabel, formatListCount } from "@/lib/format";
import { getViewerFormat } from "@/lib/format/viewer";
import { readListView } from "@/lib/listing/list-view";
import type { RawSearchParams } from "@/lib/listing/search-params";
import { AMOUNT_SORTS, sortOptions } from "@/lib/listing/sort";
import { countDisputes, DISPUTE_REASONS, DISPUTE_STATUSES, disputeFiltersSchema, listDisputes } from "@/lib/queries/disputes";

export const metadata: Metadata = { title: "Disputes · Ledgerline" };

const STATUS_OPTIONS = DISPUTE_STATUSES.map((value) => ({ value, label: disputeStatusLabel(value) }));
const REASON_OPTIONS = DISPUTE_REASONS.map((value) => ({ value, label: disputeReasonLabel(value) }));
const CURRENCY_OPTIONS = ["usd", "eur", "jpy", "gbp"].map((value) => ({ value, label: value.toUpperCase() }));

export default async function DisputesPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const access = await requirePagePermission("dashboard.read");
  if (!access.ok) return <AccessDenied message={access.error} />;
  const view = readListView(disputeFiltersSchema, await searchParams, "/disputes/export");
  const { current, reading, shown, invalid, filtered } = view;
  const viewer = await getViewerFormat();
  const context = { timeZone: viewer.timeZone, locale: viewer.locale };
  const [page, count] = reading.ok
    ? await Promise.all([listDisputes(reading.filters, { ...context, cursor: view.cursor }), countDisputes(reading.filters, context)])
    : [null, null];
  return (
    <>
      <PageHeader title="Disputes" description={`Chargebacks and inquiries. Under 72 hours left to respond shows in red. Dates in ${viewer.timeZone}.`} actions={<Link className="text-sm font-medium text-indigo-700 underline" href="/disputes/analytics">Analytics</Link>} />
      <FilterBar action="/disputes" clearHref="/disputes" active={filtered} error={reading.ok ? undefined : reading.message}>
        <TextFilter name="q" type="search" label="Search" value={current.q} placeholder="dp_…, ch_… or pi_…" size={24} />
        <SelectFilter name="status" label="Status" value={shown.status} options={STATUS_OPTIONS} invalid={invalid("status")} />
        <SelectFilter name="reason" label="Reason" value={shown.reason} options={REASON_OPTIONS} invalid={invalid("reason")} />
        <SelectFilter name="currency" label="Currency" value={shown.currency} options={CURRENCY_OPTIONS} invalid={invalid("currency")} />
        <DateRangeFilter current={current} invalid={invalid} />
        <SortFilter value={shown.sort} options={sortOptions(AMOUNT_SORTS)} invalid={invalid("sort")} />
      </FilterBar>
      {!page || !count ? null : (
        <ListResults
          path="/disputes"
          current={current}
          page={page}
          count={formatListCount(count, { one: "dispute", other: "disputes" }, viewer.locale)}
          exportHref={can(access.staff.roles, "lists.export") ? view.exportHref : undefined}
          empty={
            <EmptyState icon={Scale} title={filtered ? "No dispute matches these filters" : "No disputes"}>
              {filtered ? "Try other filters or clear them." : "When a customer disputes a payment with their bank, it appears here with the deadline to respond."}
            </EmptyState>
          }
        >
          <DisputesTable rows={page.rows} viewer={viewer} now={new Date()} />
        </ListResults>
      )}
    </>
  );
}
