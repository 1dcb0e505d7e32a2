import { BellOff } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { MarkAllReadButton, MarkReadButton } from "@/components/alerts/inbox-controls";
import { CheckFilter, FilterBar, KindFilter } from "@/components/tables/filter-bar";
import { Pagination } from "@/components/tables/pagination";
import { AccessDenied } from "@/components/ui/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { inboxFilterSchema, listOwnAlerts, type InboxAlert } from "@/lib/alerts/inbox";
import { ALERT_RULE_IDS, ALERT_RULES } from "@/lib/alerts/rules";
import { requirePagePermission } from "@/lib/auth/require-role";
import { formatDateTime, type ViewerFormat } from "@/lib/format";
import { getViewerFormat } from "@/lib/format/viewer";
import { decodeCursor } from "@/lib/listing/keyset";
import { hasFilters, pageLinks } from "@/lib/listing/page-links";
import { firstValues, type RawSearchParams } from "@/lib/listing/search-params";
import { markAlertReadAction, markAllAlertsReadAction } from "./actions";

export const metadata: Metadata = { title: "Alerts · Ledgerline" };

const RULE_TITLES = Object.fromEntries(ALERT_RULE_IDS.map((id) => [id, ALERT_RULES[id].label]));

export default async function AlertsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const access = await requirePagePermission("self.manage");
  if (!access.ok) return <AccessDenied message={access.error} />;
  const viewer = await getViewerFormat();
  const current = firstValues(await searchParams);
  const filter = inboxFilterSchema.parse(current);
  const page = await listOwnAlerts(access.staff.id, filter, viewer, decodeCursor(current.after));

  return (
    <>
      <PageHeader
        title="Alerts"
        description="What needs a person: disputes, fraud warnings, failed payouts and refunds, and changes to staff."
        actions={
          <div className="flex items-center gap-3">
            <Link href="/settings/alerts" className="text-sm font-medium text-indigo-700 underline">
              Email preferences
            </Link>
            <MarkAllReadButton rule={filter.rule} action={markAllAlertsReadAction} />
          </div>
        }
      />
      <FilterBar action="/alerts" clearHref="/alerts" active={hasFilters(current)}>
        <KindFilter name="rule" value={filter.rule} titles={RULE_TITLES} />
        <CheckFilter name="unread" label="Unread only" checked={filter.unread === "1"} />
      </FilterBar>
      {page.rows.length === 0 ? (
        <EmptyState icon={BellOff} title="No alerts">
          New disputes, fraud warnings, failed payouts and refunds appear here as Stripe reports them.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="Alerts">
          {page.rows.map((alert) => (
            <AlertRow key={alert.id} alert={alert} viewer={viewer} />
          ))}
        </ul>
      )}
      <Pagination {...pageLinks("/alerts", current, page)} shown={page.rows.length} />
    </>
  );
}

function AlertRow({ alert, viewer }: { alert: InboxAlert; viewer: ViewerFormat }) {
  return (
    <li className={`flex items-start justify-between gap-4 px-4 py-3 ${alert.read ? "" : "bg-indigo-50/50"}`} data-testid="alert-row" data-read={alert.read ? "yes" : "no"}>
      <div className="min-w-0">
        <p className="text-xs text-slate-500">
          {alert.ruleLabel} · {formatDateTime(alert.createdAt, viewer)}
        </p>
        <Link href={alert.href} className={`text-sm text-slate-900 underline-offset-2 hover:underline ${alert.read ? "" : "font-semibold"}`}>
          {alert.title}
        </Link>
        {alert.lines.map((line) => (
          <p key={line} className="text-sm text-slate-600">
            {line}
          </p>
        ))}
      </div>
      {alert.read ? <span className="text-xs text-slate-400">Read</span> : <MarkReadButton alertId={alert.id} action={markAlertReadAction} />}
    </li>
  );
}
