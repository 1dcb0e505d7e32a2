import { Users } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { CreateCustomerForm } from "@/components/customers/create-customer-form";
import { DateRangeFilter, FilterBar, SortFilter, TextFilter } from "@/components/tables/filter-bar";
import { ListResults } from "@/components/tables/list-results";
import { Table } from "@/components/tables/table";
import { AccessDenied } from "@/components/ui/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/require-role";
import { formatDate, formatListCount } from "@/lib/format";
import { getViewerFormat } from "@/lib/format/viewer";
import { can } from "@/lib/auth/permissions";
import { countCustomers, customerFiltersSchema, listCustomers } from "@/lib/customers/list";
import { readListView } from "@/lib/listing/list-view";
import type { RawSearchParams } from "@/lib/listing/search-params";
import { DATE_SORTS, sortOptions } from "@/lib/listing/sort";
import { createCustomerAction } from "./actions";

export const metadata: Metadata = { title: "Customers · Ledgerline" };

const CUSTOMER_COLUMNS = [{ label: "Name" }, { label: "Email" }, { label: "Saved cards" }, { label: "Created" }];

export default async function CustomersPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const access = await requirePagePermission("dashboard.read");
  if (!access.ok) return <AccessDenied message={access.error} />;
  const viewer = await getViewerFormat();
  const view = readListView(customerFiltersSchema, await searchParams, "/customers/export");
  const { current, reading, invalid, filtered } = view;
  const context = { timeZone: viewer.timeZone, locale: viewer.locale };
  const [page, count] = reading.ok
    ? await Promise.all([listCustomers(reading.filters, { ...context, cursor: view.cursor }), countCustomers(reading.filters, context)])
    : [null, null];
  return (
    <>
      <PageHeader title="Customers" description={`The people who pay you, and the cards they saved. Dates in ${viewer.timeZone}.`} />
      {can(access.staff.roles, "customers.create") ? (
        <div className="mb-6">
          <CreateCustomerForm create={createCustomerAction} />
        </div>
      ) : null}
      <FilterBar action="/customers" clearHref="/customers" active={filtered} error={reading.ok ? undefined : reading.message}>
        <TextFilter name="q" type="search" label="Search customers" value={current.q} placeholder="Email, name or cus_ id" size={28} />
        <DateRangeFilter current={current} invalid={invalid} />
        <SortFilter value={view.shown.sort} options={sortOptions(DATE_SORTS)} invalid={invalid("sort")} />
      </FilterBar>
      {!page || !count ? null : (
        <ListResults
          path="/customers"
          current={current}
          page={page}
          count={formatListCount(count, { one: "customer", other: "customers" }, viewer.locale)}
          exportHref={can(access.staff.roles, "lists.export") ? view.exportHref : undefined}
          empty={
            <EmptyState icon={Users} title={filtered ? "No customer matches" : "No customers yet"}>
              {filtered ? "Search by the full email address, the start of the name, or the cus_ id; or widen the dates." : "Customers appear here once they are created in Stripe or from this page."}
            </EmptyState>
          }
        >
          <Table caption="Customers" columns={CUSTOMER_COLUMNS}>
            {page.rows.map((c) => (
              <tr key={c.id}>
                <td className="px-3 py-2">
                  <Link href={`/customers/${c.id}`} className="font-medium text-indigo-700 hover:underline">
                    {c.name ?? c.id}
                  </Link>
                </td>
                <td className="px-3 py-2 text-slate-700">{c.email ?? "—"}</td>
                <td className="px-3 py-2">{c.cards}</td>
                <td className="px-3 py-2 text-slate-600">{formatDate(c.created, viewer)}</td>
              </tr>
            ))}
          </Table>
        </ListResults>
      )}
    </>
  );
}
