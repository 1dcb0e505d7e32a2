import { Users } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { CreateCustomerForm } from "@/components/customers/create-customer-form";
import { Table } from "@/components/tables/table";
import { AccessDenied } from "@/components/ui/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/require-role";
import { formatDate } from "@/lib/format";
import { getViewerFormat } from "@/lib/format/viewer";
import { can } from "@/lib/auth/permissions";
import { customerSearchSchema, listCustomers } from "@/lib/customers/queries";
import { createCustomerAction } from "./actions";

export const metadata: Metadata = { title: "Customers · Ledgerline" };

const CUSTOMER_COLUMNS = [{ label: "Name" }, { label: "Email" }, { label: "Saved cards" }, { label: "Created" }];

export default async function CustomersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const access = await requirePagePermission("dashboard.read");
  if (!access.ok) return <AccessDenied message={access.error} />;
  const viewer = await getViewerFormat();
  const filter = customerSearchSchema.parse(await searchParams);
  const { rows, next } = await listCustomers(filter);
  return (
    <>
      <PageHeader title="Customers" description="The people who pay you, and the cards they saved." />
      <form role="search" className="mb-4 flex gap-2" action="/customers">
        <label htmlFor="customer-search" className="sr-only">
          Search customers
        </label>
        <input
          id="customer-search"
          name="q"
          defaultValue={filter.q ?? ""}
          placeholder="Email, name or cus_ id"
          className="w-80 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm outline-none focus-visible:ring-2 focus-visible:ring-indigo-200"
        />
        <button type="submit" className="rounded-md bg-white px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 ring-inset hover:bg-slate-50">
          Search
        </button>
      </form>
      {can(access.staff.roles, "customers.create") ? (
        <div className="mb-6">
          <CreateCustomerForm create={createCustomerAction} />
        </div>
      ) : null}
      {rows.length === 0 ? (
        <EmptyState icon={Users} title={filter.q ? "No customer matches" : "No customers yet"}>
          {filter.q ? "Search by the full email address, the start of the name, or the cus_ id." : "Customers appear here once they are created in Stripe or from this page."}
        </EmptyState>
      ) : (
        <Table caption="Customers" columns={CUSTOMER_COLUMNS}>
          {rows.map((c) => (
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
      )}
      {next ? (
        <p className="mt-3 text-right">
          <Link className="text-sm font-medium text-indigo-700 hover:underline" href={`/customers?${new URLSearchParams({ ...(filter.q ? { q: filter.q } : {}), after: next })}`}>
            Next page →
          </Link>
        </p>
      ) : null}
    </>
  );
}
