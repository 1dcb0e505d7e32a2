import { Undo2 } from "lucide-react";
import type { Metadata } from "next";
import { DateRangeFilter, FilterBar, SelectFilter, SortFilter, TextFilter } from "@/components/tables/filter-bar";
import { ListResults } from "@/components/tables/list-results";
import { RefundsTable } from "@/components/tables/refunds-table";
import { AccessDenied } from "@/components/ui/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/require-role";
import { formatListCount, refundReasonLabel, refundStatusLabel } from "@/lib/format";
import { getViewerFormat } from "@/lib/format/viewer";
import { readListView } from "@/lib/listing/list-view";
import type { RawSearchParams } from "@/lib/listing/search-params";
import { AMOUNT_SORTS, sortOptions } from "@/lib/listing/sort";
import { countRefunds, listRefunds, REFUND_REASONS, REFUND_STATUSES, refundFiltersSchema } from "@/lib/queries/refunds";

export const metadata: Metadata = { title: "Refunds · Ledgerline" };

const STATUS_OPTIONS = REFUND_STATUSES.map((value) => ({ value, label: refundStatusLabel(value) }));
const REASON_OPTIONS = REFUND_REASONS.map((value) => ({ value, label: refundReasonLabel(value) }));
const CURRENCY_OPTIONS = ["usd", "eur", "jpy", "gbp"].map((value) => ({ value, label: value.toUpperCase() }));

export default async function RefundsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const access = await requirePagePermission("dashboard.read");
  if (!access.ok) return <AccessDenied message={access.error} />;
  const view = readListView(refundFiltersSchema, await searchParams, "/refunds/export");
  const { current, reading, shown, invalid, filtered } = view;
  const viewer = await getViewerFormat();
  const context = { timeZone: viewer.timeZone, locale: viewer.locale };
  const [page, count] = reading.ok
    ? await Promise.all([listRefunds(reading.filters, { ...context, cursor: view.cursor }), countRefunds(reading.filters, context)])
    : [null, null];
  return (
    <>
      <PageHeader title="Refunds" description={`Refunds with their status, reason and the reference the customer's bank can trace (ARN). Dates in ${viewer.timeZone}.`} />
      <FilterBar action="/refunds" clearHref="/refunds" active={filtered} error={reading.ok ? undefined : reading.message}>
        <TextFilter name="q" type="search" label="Search" value={current.q} placeholder="re_…, ch_… or pi_…" size={24} />
        <SelectFilter name="status" label="Status" value={shown.status} options={STATUS_OPTIONS} invalid={invalid("status")} />
        <SelectFilter name="reason" label="Reason" value={shown.reason} options={REASON_OPTIONS} invalid={invalid("reason")} />
        <SelectFilter name="currency" label="Currency" value={shown.currency} options={CURRENCY_OPTIONS} invalid={invalid("currency")} />
        <DateRangeFilter current={current} invalid={invalid} />
        <SortFilter value={shown.sort} options={sortOptions(AMOUNT_SORTS)} invalid={invalid("sort")} />
      </FilterBar>
      {!page || !count ? null : (
        <ListResults
          path="/refunds"
          current={current}
          page={page}
          count={formatListCount(count, { one: "refund", other: "refunds" }, viewer.locale)}
          exportHref={can(access.staff.roles, "lists.export") ? view.exportHref : undefined}
          empty={
            <EmptyState icon={Undo2} title={filtered ? "No refund matches these filters" : "No refunds yet"}>
              {filtered ? "Try other filters or clear them." : "Refunds made here or in Stripe appear once Stripe reports them."}
            </EmptyState>
          }
        >
          <RefundsTable rows={page.rows} viewer={viewer} />
        </ListResults>
      )}
    </>
  );
}
