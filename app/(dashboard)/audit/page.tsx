import { ScrollText } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { DateRangeFilter, FilterBar, SelectFilter, SortFilter, TextFilter } from "@/components/tables/filter-bar";
import { ListResults } from "@/components/tables/list-results";
import { Table } from "@/components/tables/table";
import { AccessDenied } from "@/components/ui/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { AUDIT_STATUSES, auditFilterChoices, auditFilterSchema, countStaffActions, listStaffActions } from "@/lib/audit/queries";
import { ACTION_TITLES } from "@/lib/audit/timeline";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/require-role";
import { formatDateTime, formatListCount, staffActionStatusLabel } from "@/lib/format";
import { getViewerFormat } from "@/lib/format/viewer";
import { readListView } from "@/lib/listing/list-view";
import type { RawSearchParams } from "@/lib/listing/search-params";
import { DATE_SORTS, sortOptions } from "@/lib/listing/sort";

export const metadata: Metadata = { title: "Audit · Ledgerline" };

const AUDIT_COLUMNS = [{ label: "When" }, { label: "Who" }, { label: "Action" }, { label: "Object" }, { label: "Outcome" }];

const OUTCOME_OPTIONS = AUDIT_STATUSES.map((value) => ({ value, label: staffActionStatusLabel(value) }));

const STATUS_CLASS = {
  succeeded: "bg-emerald-100 text-emerald-800",
  failed: "bg-red-100 text-red-800",
  pending: "bg-amber-100 text-amber-900",
  needs_authentication: "bg-amber-100 text-amber-900",
} as const;

/** Where an action's object lives in the dashboard. */
function objectHref(id: string | null): string | null {
  if (!id) return null;
  if (id.startsWith("pi_")) return `/payments/${id}`;
  if (id.startsWith("dp_") || id.startsWith("du_")) return `/disputes/${id}`;
  if (id.startsWith("cus_")) return `/customers/${id}`;
  return null;
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const access = await requirePagePermission("dashboard.read");
  if (!access.ok) return <AccessDenied message={access.error} />;
  const viewer = await getViewerFormat();
  const view = readListView(auditFilterSchema, await searchParams, "/audit/export");
  const { current, reading, shown, invalid, filtered } = view;
  const context = { timeZone: viewer.timeZone, locale: viewer.locale };
  const [page, count, choices] = await Promise.all([
    reading.ok ? listStaffActions(reading.filters, { ...context, cursor: view.cursor }) : null,
    reading.ok ? countStaffActions(reading.filters, context) : null,
    auditFilterChoices(),
  ]);
  const personOptions = choices.staff.map((s) => ({ value: s.id, label: s.name }));
  const actionOptions = choices.kinds.map((k) => ({ value: k, label: ACTION_TITLES[k] ?? k }));

  return (
    <>
      <PageHeader title="Audit" description={`Every action staff took, who took it, and what Stripe answered. Dates in ${viewer.timeZone}.`} />
      <FilterBar action="/audit" clearHref="/audit" active={filtered} error={reading.ok ? undefined : reading.message}>
        <SelectFilter name="actor" label="Person" value={shown.actor} options={personOptions} anyLabel="Everyone" />
        <SelectFilter name="kind" label="Action" value={shown.kind} options={actionOptions} anyLabel="All actions" />
        <SelectFilter name="status" label="Outcome" value={shown.status} options={OUTCOME_OPTIONS} invalid={invalid("status")} />
        <TextFilter name="object" label="Object id" value={shown.object} placeholder="pi_…, dp_…, cus_…" size={22} />
        <DateRangeFilter current={current} invalid={invalid} />
        <SortFilter value={shown.sort} options={sortOptions(DATE_SORTS)} invalid={invalid("sort")} />
      </FilterBar>
      {!page || !count ? null : (
        <ListResults
          path="/audit"
          current={current}
          page={page}
          count={formatListCount(count, { one: "action", other: "actions" }, viewer.locale)}
          exportHref={can(access.staff.roles, "lists.export") ? view.exportHref : undefined}
          empty={
            <EmptyState icon={ScrollText} title="No actions match">
              Refunds, charges, card links and dispute responses appear here as staff take them.
            </EmptyState>
          }
        >
          <Table caption="Staff actions" columns={AUDIT_COLUMNS} testId="audit-log">
            {page.rows.map((r) => {
              const target = r.resultObjectId && objectHref(r.resultObjectId) ? r.resultObjectId : r.objectId;
              const href = objectHref(target);
              return (
                <tr key={r.id} className="align-top">
                  <td className="px-3 py-2 whitespace-nowrap text-slate-600">{formatDateTime(r.at, viewer)}</td>
                  <td className="px-3 py-2">{r.actor.name}</td>
                  <td className="px-3 py-2">{r.title}</td>
                  <td className="px-3 py-2 font-mono text-xs">{href ? <Link className="text-indigo-700 hover:underline" href={href}>{target}</Link> : (target ?? "—")}</td>
                  <td className="px-3 py-2">
                    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_CLASS[r.shownStatus]}`}>{staffActionStatusLabel(r.shownStatus)}</span>
                    {r.message ? <span className="ml-2 text-slate-700">{r.message}</span> : null}
                  </td>
                </tr>
              );
            })}
          </Table>
        </ListResults>
      )}
    </>
  );
}
