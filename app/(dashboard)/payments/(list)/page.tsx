import { CreditCard, Download } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { FilterBar, SelectFilter, TextFilter } from "@/components/tables/filter-bar";
import { Pagination } from "@/components/tables/pagination";
import { PaymentsTable } from "@/components/tables/payments-table";
import { AccessDenied } from "@/components/ui/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/require-role";
import { paymentBadgeLabel } from "@/lib/format";
import { getViewerFormat } from "@/lib/format/viewer";
import { decodeCursor } from "@/lib/listing/keyset";
import { hasFilters, pageLinks } from "@/lib/listing/page-links";
import { amountFilterProblem, firstValues, listHref, readFilters, type RawSearchParams } from "@/lib/listing/search-params";
import { PAYMENT_FILTER_STATUSES } from "@/lib/queries/payment-status";
import { describeSearch, listPayments, paymentFiltersSchema } from "@/lib/queries/payments";

export const metadata: Metadata = { title: "Payments · Ledgerline" };

const STATUS_OPTIONS = PAYMENT_FILTER_STATUSES.map((value) => ({ value, label: paymentBadgeLabel(value) }));
const CURRENCY_OPTIONS = ["usd", "eur", "jpy", "gbp"].map((value) => ({ value, label: value.toUpperCase() }));

export default async function PaymentsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const access = await requirePagePermission("dashboard.read");
  if (!access.ok) return <AccessDenied message={access.error} />;
  const current = firstValues(await searchParams);
  const reading = readFilters(paymentFiltersSchema, current);
  const filters: Record<string, string | undefined> = reading.ok ? reading.filters : current;
  const viewer = await getViewerFormat();
  // An amount filter that cannot be read in the viewer's number format is refused like a bad date:
  // a list quietly left unfiltered would show rows nobody asked for.
  const amountProblems = (["min", "max"] as const)
    .map((field) => ({ field, problem: filters.currency ? amountFilterProblem(current[field], filters.currency, viewer.locale) : null }))
    .filter((p) => p.problem);
  const page =
    reading.ok && amountProblems.length === 0
      ? await listPayments(reading.filters, { timeZone: viewer.timeZone, locale: viewer.locale, cursor: decodeCursor(current.after) })
      : null;
  const filtered = hasFilters(current);
  const invalid = (field: string) => (!reading.ok && reading.fields.includes(field)) || amountProblems.some((p) => p.field === field);
  const exportHref = listHref("/payments/export", { ...current, after: undefined }, {});

  return (
    <>
      <PageHeader
        title="Payments"
        description={`Every payment attempt, newest first. Dates in ${viewer.timeZone}.`}
        actions={
          page && can(access.staff.roles, "payments.export") ? (
            <Link href={exportHref} prefetch={false} className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 outline-none hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-indigo-500">
              <Download aria-hidden className="size-4" /> Export CSV
            </Link>
          ) : null
        }
      />
      <FilterBar action="/payments" clearHref="/payments" active={filtered} error={reading.ok ? undefined : reading.message}>
        <TextFilter name="q" type="search" label="Search" value={current.q} placeholder="pi_…, ch_…, email or last 4" size={28} />
        <SelectFilter name="status" label="Status" value={filters.status} options={STATUS_OPTIONS} />
        <SelectFilter name="currency" label="Currency" value={filters.currency} options={CURRENCY_OPTIONS} />
        <TextFilter name="from" type="date" label="From" value={current.from} invalid={invalid("from")} />
        <TextFilter name="to" type="date" label="To" value={current.to} invalid={invalid("to")} />
        <TextFilter name="min" label="Min amount" value={current.min} size={8} hint="In the chosen currency" invalid={invalid("min")} />
        <TextFilter name="max" label="Max amount" value={current.max} size={8} hint="In the chosen currency" invalid={invalid("max")} />
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
      {!page ? null : page.rows.length === 0 ? (
        <EmptyState icon={CreditCard} title={filtered ? "No payment matches these filters" : "No payments yet"}>
          {filtered ? "Try a wider date range or clear the filters." : "Payments appear here as Stripe reports them to this dashboard through webhooks."}
        </EmptyState>
      ) : (
        <>
          <PaymentsTable rows={page.rows} viewer={viewer} />
          <Pagination {...pageLinks("/payments", current, page)} shown={page.rows.length} />
        </>
      )}
    </>
  );
}
