import { BellOff } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { AlertsTable } from "@/components/alerts/alerts-table";
import { MarkAllReadButton } from "@/components/alerts/inbox-controls";
import { CheckFilter, DateRangeFilter, FilterBar, SelectFilter, SortFilter } from "@/components/tables/filter-bar";
import { ListResults } from "@/components/tables/list-results";
import { AccessDenied } from "@/components/ui/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { countOwnAlerts, inboxFilterSchema, listOwnAlerts } from "@/lib/alerts/inbox";
import { ALERT_RULE_IDS, ALERT_RULES } from "@/lib/alerts/rules";
import { requirePagePermission } from "@/lib/auth/require-role";
import { formatListCount } from "@/lib/format";
import { getViewerFormat } from "@/lib/format/viewer";
import { readListView } from "@/lib/listing/list-view";
import type { RawSearchParams } from "@/lib/listing/search-params";
import { DATE_SORTS, sortOptions } from "@/lib/listing/sort";
import { markAlertReadAction, markAllAlertsReadAction } from "./actions";

export const metadata: Metadata = { title: "Alerts · Ledgerline" };

const RULE_OPTIONS = ALERT_RULE_IDS.map((id) => ({ value: id, label: ALERT_RULES[id].label }));

// No export: the list machinery's export hands its rows the filters and the zone, not who asks, and
// an inbox is only ever its reader's.
export default async function AlertsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const access = await requirePagePermission("self.manage");
  if (!access.ok) return <AccessDenied message={access.error} />;
  const viewer = await getViewerFormat();
  const view = readListView(inboxFilterSchema, await searchParams, "/alerts");
  const { current, reading, shown, invalid, filtered } = view;
  const context = { timeZone: viewer.timeZone, locale: viewer.locale };
  const [page, count] = reading.ok
    ? await Promise.all([listOwnAlerts(access.staff.id, reading.filters, viewer, { cursor: view.cursor }), countOwnAlerts(access.staff.id, reading.filters, context)])
    : [null, null];

  return (
    <>
      <PageHeader
        title="Alerts"
        description={`What needs a person: disputes, fraud warnings, failed payouts and refunds, and changes to staff. Dates in ${viewer.timeZone}.`}
        actions={
          <div className="flex items-center gap-3">
            <Link href="/settings/alerts" className="text-sm font-medium text-indigo-700 underline">
              Email preferences
            </Link>
            {reading.ok ? <MarkAllReadButton filters={current} filtered={filtered} action={markAllAlertsReadAction} /> : null}
          </div>
        }
      />
      <FilterBar action="/alerts" clearHref="/alerts" active={filtered} error={reading.ok ? undefined : reading.message}>
        <SelectFilter name="rule" label="Kind" value={shown.rule} options={RULE_OPTIONS} invalid={invalid("rule")} />
        <CheckFilter name="unread" label="Unread only" checked={shown.unread === "1"} invalid={invalid("unread")} />
        <DateRangeFilter current={current} invalid={invalid} />
        <SortFilter value={shown.sort} options={sortOptions(DATE_SORTS)} invalid={invalid("sort")} />
      </FilterBar>
      {!page || !count ? null : (
        <ListResults
          path="/alerts"
          current={current}
          page={page}
          count={formatListCount(count, { one: "alert", other: "alerts" }, viewer.locale)}
          empty={
            <EmptyState icon={BellOff} title={filtered ? "No alert matches these filters" : "No alerts"}>
              {filtered ? "Try other filters or clear them." : "New disputes, fraud warnings, failed payouts and refunds appear here as Stripe reports them."}
            </EmptyState>
          }
        >
          <AlertsTable rows={page.rows} viewer={viewer} markRead={markAlertReadAction} />
        </ListResults>
      )}
    </>
  );
}
