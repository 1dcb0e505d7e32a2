import { CreditCard } from "lucide-react";
import type { Metadata } from "next";
import { DateRangeFilter, FilterBar, SelectFilter, SortFilter, TextFilter } from "@/components/tables/filter-bar";
import { ListResults } from "@/components/tables/list-results";
import { PaymentsTable } from "@/components/tables/payments-table";
import { AccessDenied } from "@/components/ui/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/require-role";
import { formatListCount, paymentBadgeLabel } from "@/lib/format";
import { getViewerFormat } from "@/lib/format/viewer";
import { readListView } from "@/lib/listing/list-view";
import { amountFilterProblem, type RawSearchParams } from "@/lib/listing/search-params";
import { AMOUNT_SORTS, sortOptions } from "@/lib/listing/sort";
import { PAYMENT_FILTER_STATUSES } from "@/lib/queries/payment-status";
import { countPayments, describeSearch, listPayments, paymentFiltersSchema } from "@/lib/queries/payments";

export const metadata: Metadata = { title: "Payments · Ledgerline" };

const STATUS_OPTIONS = PAYMENT_FILTER_STATUSES.map((value) => ({ value, label: paymentBadgeLabel(value) }));
const CURRENCY_OPTIONS = ["usd", "eur", "jpy", "gbp"].map((value) => ({ value, label: value.toUpperCase() }));

export default async function PaymentsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const access = await requirePagePermission("dashboard.read");
  if (!access.ok) return <AccessDenied message={access.error} />;
  const view = readListView(paymentFiltersSchema, await searchParams, "/payments/export");
  const { current, reading, filtered } = view;
  const filters = view.shown;
  const viewer = await getViewerFormat();
  // An amount filter that cannot be read in the viewer's number format is refused like a bad date:
  // a list quietly left unfiltered would show rows nobody asked for.
  const amountProblems = (["min", "max"] as const)
    .map((field) => ({ field, problem: filters.currency ? amountFilterProblem(current[field], filters.currency, viewer.locale) : null }))
    .filter((p) => p.problem);
  const context = { timeZone: viewer.timeZone, locale: viewer.locale };
  const [page, count] =
    reading.ok && amountProblems.length === 0
      ? await Promise.all([listPayments(reading.filters, { ...context, cursor: view.cursor }), countPayments(reading.filters, context)])
      : [null, null];
  const invalid = (field: string) => view.invalid(field) || amountProblems.some((p) => p.field === field);

  return (
    <>
      <PageHeader
        title="Payments"
        description={`Every payment attempt. Dates in ${viewer.timeZone}.`}
      />
      <FilterBar action="/payments" clearHref="/payments" active={filtered} error={reading.ok ? undefined : reading.message}>
        <TextFilter name="q" type="search" label="Search" value={current.q} placeholder="pi_…, ch_…, email or last 4" size={28} />
        <SelectFilter name="status" label="Status" value={filters.status} options={STATUS_OPTIONS} invalid={invalid("status")} />
        <SelectFilter name="currency" label="Currency" value={filters.currency} options={CURRENCY_OPTIONS} invalid={invalid("currency")} />
        <DateRangeFilter current={current} invalid={invalid} />
        <TextFilter name="min" label="Min amount" value={current.min} size={8} hint="In the chosen currency" invalid={invalid("min")} />
        <TextFilter name="max" label="Max amount" value={current.max} size={8} hint="In the chosen currency" invalid={invalid("max")} />
        <SortFilter value={filters.sort} options={sortOptions(AMOUNT_SORTS)} invalid={invalid("sort")} />
      </FilterBar>
      {(current.min || current.max) && !filters.currency ? (
        <p role="status" className="-mt-2 mb-3 text-sm text-amber-800">Choose a currency to filter by amount: ¥1,000 and $1,000 are not the same amount.</p>
      ) : null}
      {amountProblems.map(({ field, problem }) => (
        <p key={field} role="alert" className="-mt-2 mb-3 text-sm text-red-800">
          {field === "min" ? "Min amount" : "Max amount"}: {problem}
        </p>
      ))}
      {filters.q && describeSearch(filters.q) === "unrecognised" ? (
        <p role="status" className="-mt-2 mb-3 text-sm text-amber-800">Search takes a payment id (pi_…), a charge id (ch_…), a customer id (cus_…), a customer’s email or a card’s last 4 digits.</p>
      ) : null}
      {!page || !count ? null : (
        <ListResults
          path="/payments"
          current={current}
          page={page}
          count={formatListCount(count, { one: "payment", other: "payments" }, viewer.locale)}
          exportHref={can(access.staff.roles, "payments.export") ? view.exportHref : undefined}
          empty={
            <EmptyState icon={CreditCard} title={filtered ? "No payment matches these filters" : "No payments yet"}>
              {filtered ? "Try a wider date range or clear the filters." : "Payments appear here as Stripe reports them to this dashboard through webhooks."}
            </EmptyState>
          }
        >
          <PaymentsTable rows={page.rows} viewer={viewer} />
        </ListResults>
      )}
    </>
  );
}
