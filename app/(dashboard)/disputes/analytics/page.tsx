import type { Metadata } from "next";
import { DisputeAnalyticsPanels } from "@/components/disputes/analytics-panels";
import { FilterBar, TextFilter } from "@/components/tables/filter-bar";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/require-role";
import { disputeAnalytics } from "@/lib/disputes/analytics/figures";
import { readPeriod } from "@/lib/disputes/analytics/period";
import { formatDay } from "@/lib/format";
import { getViewerFormat } from "@/lib/format/viewer";
import { merchantTimeZone } from "@/lib/listing/time-zone";

export const metadata: Metadata = { title: "Dispute analytics · Ledgerline" };

type Search = Promise<{ from?: string | string[]; to?: string | string[] }>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function DisputeAnalyticsPage({ searchParams }: { searchParams: Search }) {
  const access = await requirePagePermission("dashboard.read");
  if (!access.ok) return <AccessDenied message={access.error} />;
  const [viewer, timeZone, raw] = await Promise.all([getViewerFormat(), merchantTimeZone(), searchParams]);
  const search = { from: one(raw.from), to: one(raw.to) };
  const typed = readPeriod(search, timeZone);
  // A refused period keeps what was typed, says why, and shows the default period instead.
  const reading = typed.ok ? typed : readPeriod({}, timeZone);
  if (!reading.ok) throw new Error(reading.message);
  const { period } = reading;
  const analytics = await disputeAnalytics(period);
  const query = new URLSearchParams({ from: period.from, to: period.to }).toString();
  return (
    <>
      <PageHeader
        back={{ href: "/disputes", label: "Disputes" }}
        title="Dispute analytics"
        description={`${formatDay(period.from, viewer)} to ${formatDay(period.to, viewer)}, days in ${timeZone}. Win rates count decided chargebacks opened in the period; inquiries are counted apart.`}
        actions={
          <a className="text-sm font-medium text-indigo-700 underline" href={`/disputes/analytics/export?${query}`} download>
            Download CSV
          </a>
        }
      />
      <FilterBar action="/disputes/analytics" clearHref="/disputes/analytics" active={Boolean(search.from || search.to)} error={typed.ok ? undefined : typed.message}>
        <TextFilter name="from" label="From" type="date" value={search.from ?? period.from} invalid={!typed.ok} />
        <TextFilter name="to" label="To" type="date" value={search.to ?? period.to} invalid={!typed.ok} />
      </FilterBar>
      <DisputeAnalyticsPanels analytics={analytics} viewer={viewer} />
    </>
  );
}
