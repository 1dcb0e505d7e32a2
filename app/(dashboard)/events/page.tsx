import { Activity } from "lucide-react";
import type { Metadata } from "next";
import { DateRangeFilter, FilterBar, SelectFilter, SortFilter, TextFilter } from "@/components/tables/filter-bar";
import { ListResults } from "@/components/tables/list-results";
import { AccessDenied } from "@/components/ui/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/require-role";
import { can } from "@/lib/auth/permissions";
import { eventStatusLabel, formatListCount } from "@/lib/format";
import { getViewerFormat } from "@/lib/format/viewer";
import { readListView } from "@/lib/listing/list-view";
import type { RawSearchParams } from "@/lib/listing/search-params";
import { DATE_SORTS, sortOptions } from "@/lib/listing/sort";
import { countEvents, EVENT_STATUSES, eventFiltersSchema, listEvents, webhookHealth } from "@/lib/webhooks/event-log";
import { backfillAction, catchUpAction, setUpEndpointAction } from "./actions";
import { EndpointForm } from "./_components/endpoint-form";
import { EventsTable } from "./_components/events-table";
import { HealthPanel } from "./_components/health-panel";
import { OperationButton } from "./_components/operation-button";

export const metadata: Metadata = { title: "Events · Ledgerline" };

const STATUS_OPTIONS = EVENT_STATUSES.map((value) => ({ value, label: eventStatusLabel(value) }));

export default async function EventsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const access = await requirePagePermission("dashboard.read");
  if (!access.ok) return <AccessDenied message={access.error} />;
  const catchUp = can(access.staff.roles, "events.catch_up");
  const endpoint = can(access.staff.roles, "webhooks.endpoint.manage");
  const view = readListView(eventFiltersSchema, await searchParams, "/events/export");
  const { current, reading, invalid, filtered } = view;
  const filters = view.shown;
  const viewer = await getViewerFormat();
  const context = { timeZone: viewer.timeZone, locale: viewer.locale };
  const [page, count, health] = await Promise.all([
    reading.ok ? listEvents(reading.filters, { ...context, cursor: view.cursor }) : null,
    reading.ok ? countEvents(reading.filters, context) : null,
    webhookHealth(),
  ]);
  return (
    <>
      <PageHeader
        title="Events"
        description={`Every event Stripe sent to this dashboard, and how it was processed. Dates in ${viewer.timeZone}.`}
        actions={
          catchUp ? (
            <div className="flex flex-wrap gap-2">
              <OperationButton label="Catch up missed events" run={catchUpAction} testId="catch-up" />
              <OperationButton
                label="Backfill from Stripe"
                confirm="Copy every object from Stripe's list APIs?"
                run={backfillAction}
                testId="backfill"
              />
            </div>
          ) : null
        }
      />
      <HealthPanel health={health} viewer={viewer} />
      {endpoint ? (
        <div className="mb-6">
          <EndpointForm defaultUrl={health.endpoint?.url.replace(/\/api\/webhooks\/stripe$/, "") ?? process.env.APP_URL ?? ""} setUp={setUpEndpointAction} />
        </div>
      ) : null}
      <FilterBar action="/events" clearHref="/events" active={filtered} error={reading.ok ? undefined : reading.message}>
        <TextFilter name="type" label="Type" value={filters.type} placeholder="charge.dispute.*" size={22} />
        <SelectFilter name="status" label="Status" value={filters.status} options={STATUS_OPTIONS} invalid={invalid("status")} />
        <TextFilter name="object" type="search" label="Object" value={filters.object} placeholder="ch_…, pi_…, po_…" size={22} />
        <DateRangeFilter current={current} invalid={invalid} />
        <SortFilter value={filters.sort} options={sortOptions(DATE_SORTS)} invalid={invalid("sort")} />
      </FilterBar>
      {!page || !count ? null : (
        <ListResults
          path="/events"
          current={current}
          page={page}
          count={formatListCount(count, { one: "event", other: "events" }, viewer.locale)}
          exportHref={can(access.staff.roles, "lists.export") ? view.exportHref : undefined}
          empty={
            <EmptyState icon={Activity} title={filtered ? "No event matches these filters" : "No events received yet"}>
              {filtered ? "Try other filters or clear them." : "Stripe events appear here as webhooks arrive."}
            </EmptyState>
          }
        >
          <EventsTable rows={page.rows} viewer={viewer} />
        </ListResults>
      )}
    </>
  );
}
