import { Banknote } from "lucide-react";
import type { Metadata } from "next";
import { FilterBar, SelectFilter } from "@/components/tables/filter-bar";
import { Pagination } from "@/components/tables/pagination";
import { PayoutsTable } from "@/components/tables/payouts-table";
import { AccessDenied } from "@/components/ui/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/require-role";
import { decodeCursor } from "@/lib/listing/keyset";
import { hasFilters, pageLinks } from "@/lib/listing/page-links";
import { firstValues, type RawSearchParams } from "@/lib/listing/search-params";
import { payoutStatusLabel } from "@/lib/format";
import { getViewerFormat } from "@/lib/format/viewer";
import { listPayouts, PAYOUT_STATUSES, payoutFiltersSchema } from "@/lib/payouts/queries";

export const metadata: Metadata = { title: "Payouts · Ledgerline" };

const STATUS_OPTIONS = PAYOUT_STATUSES.map((value) => ({ value, label: payoutStatusLabel(value) }));
const CURRENCY_OPTIONS = ["usd", "eur", "jpy", "gbp"].map((value) => ({ value, label: value.toUpperCase() }));

export default async function PayoutsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const access = await requirePagePermission("dashboard.read");
  if (!access.ok) return <AccessDenied message={access.error} />;
  const current = firstValues(await searchParams);
  const filters = payoutFiltersSchema.parse(current);
  const viewer = await getViewerFormat();
  const page = await listPayouts(filters, { cursor: decodeCursor(current.after) });
  const filtered = hasFilters(current);
  return (
    <>
      <PageHeader title="Payouts" description={`Money sent from Stripe to your bank account. Open a payout to see what it paid out and check that it adds up. Dates in ${viewer.timeZone}.`} />
      <FilterBar action="/payouts" clearHref="/payouts" active={filtered}>
        <SelectFilter name="status" label="Status" value={filters.status} options={STATUS_OPTIONS} />
        <SelectFilter name="currency" label="Currency" value={filters.currency} options={CURRENCY_OPTIONS} />
      </FilterBar>
      {page.rows.length === 0 ? (
        <EmptyState icon={Banknote} title={filtered ? "No payout matches these filters" : "No payouts yet"}>
          {filtered ? "Try other filters or clear them." : "Stripe pays out available funds on your payout schedule; each payout appears here."}
        </EmptyState>
      ) : (
        <>
          <PayoutsTable rows={page.rows} viewer={viewer} />
          <Pagination {...pageLinks("/payouts", current, page)} shown={page.rows.length} />
        </>
      )}
    </>
  );
}
