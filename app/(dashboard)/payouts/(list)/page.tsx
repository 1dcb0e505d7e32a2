import { Banknote } from "lucide-react";
import type { Metadata } from "next";
import { DateRangeFilter, FilterBar, SelectFilter, SortFilter } from "@/components/tables/filter-bar";
import { ListResults } from "@/components/tables/list-results";
import { PayoutsTable } from "@/components/tables/payouts-table";
import { AccessDenied } from "@/components/ui/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/require-role";
import { formatListCount, payoutMethodLabel, payoutStatusLabel } from "@/lib/format";
import { getViewerFormat } from "@/lib/format/viewer";
import { readListView } from "@/lib/listing/list-view";
import type { RawSearchParams } from "@/lib/listing/search-params";
import { AMOUNT_SORTS, sortOptions } from "@/lib/listing/sort";
import { countPayouts, listPayouts, PAYOUT_METHODS, PAYOUT_STATUSES, payoutFiltersSchema } from "@/lib/payouts/queries";

export const metadata: Metadata = { title: "Payouts · Ledgerline" };

const STATUS_OPTIONS = PAYOUT_STATUSES.map((value) => ({ value, label: payoutStatusLabel(value) }));
const METHOD_OPTIONS = PAYOUT_METHODS.map((value) => ({ value, label: payoutMethodLabel(value) }));
const CURRENCY_OPTIONS = ["usd", "eur", "jpy", "gbp"].map((value) => ({ value, label: value.toUpperCase() }));

export default async function PayoutsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const access = await requirePagePermission("dashboard.read");
  if (!access.ok) return <AccessDenied message={access.error} />;
  const view = readListView(payoutFiltersSchema, await searchParams, "/payouts/export");
  const { current, reading, shown, invalid, filtered } = view;
  const viewer = await getViewerFormat();
  const context = { timeZone: viewer.timeZone, locale: viewer.locale };
  const [page, count] = reading.ok
    ? await Promise.all([listPayouts(reading.filters, { ...context, cursor: view.cursor }), countPayouts(reading.filters, context)])
    : [null, null];
  return (
    <>
      <PageHeader title="Payouts" description={`Money sent from Stripe to your bank account. Open a payout to see what it paid out and check that it adds up. Dates in ${viewer.timeZone}.`} />
      <FilterBar action="/payouts" clearHref="/payouts" active={filtered} error={reading.ok ? undefined : reading.message}>
        <SelectFilter name="status" label="Status" value={shown.status} options={STATUS_OPTIONS} invalid={invalid("status")} />
        <SelectFilter name="method" label="Method" value={shown.method} options={METHOD_OPTIONS} invalid={invalid("method")} />
        <SelectFilter name="currency" label="Currency" value={shown.currency} options={CURRENCY_OPTIONS} invalid={invalid("currency")} />
        <DateRangeFilter current={current} invalid={invalid} />
        <SortFilter value={shown.sort} options={sortOptions(AMOUNT_SORTS)} invalid={invalid("sort")} />
      </FilterBar>
      {!page || !count ? null : (
        <ListResults
          path="/payouts"
          current={current}
          page={page}
          count={formatListCount(count, { one: "payout", other: "payouts" }, viewer.locale)}
          exportHref={can(access.staff.roles, "lists.export") ? view.exportHref : undefined}
          empty={
            <EmptyState icon={Banknote} title={filtered ? "No payout matches these filters" : "No payouts yet"}>
              {filtered ? "Try other filters or clear them." : "Stripe pays out available funds on your payout schedule; each payout appears here."}
            </EmptyState>
          }
        >
          <PayoutsTable rows={page.rows} viewer={viewer} />
        </ListResults>
      )}
    </>
  );
}
