import { BellOff } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { MarkAllReadButton, MarkReadButton } from "@/components/alerts/inbox-controls";
import { AccessDenied } from "@/components/ui/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { inboxFilterSchema, listOwnAlerts, type InboxAlert } from "@/lib/alerts/inbox";
import { ALERT_RULE_IDS, ALERT_RULES } from "@/lib/alerts/rules";
import { requirePagePermission } from "@/lib/auth/require-role";
import { formatDateTime, type ViewerFormat } from "@/lib/format";
import { getViewerFormat } from "@/lib/format/viewer";
import { markAlertReadAction, markAllAlertsReadAction } from "./actions";

export const metadata: Metadata = { title: "Alerts · Ledgerline" };

export default async function AlertsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const access = await requirePagePermission("self.manage");
  if (!access.ok) return <AccessDenied message={access.error} />;
  const viewer = await getViewerFormat();
  const filter = inboxFilterSchema.parse(await searchParams);
  const alerts = await listOwnAlerts(access.staff.id, filter, viewer);

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
      <form className="mb-4 flex flex-wrap items-end gap-3" action="/alerts" aria-label="Filter alerts">
        <label className="text-sm">
          <span className="block font-medium text-slate-800">Kind</span>
          <select name="rule" defaultValue={filter.rule ?? ""} className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
            <option value="">All alerts</option>
            {ALERT_RULE_IDS.map((id) => (
              <option key={id} value={id}>
                {ALERT_RULES[id].label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2 pb-1.5 text-sm text-slate-800">
          <input type="checkbox" name="unread" value="1" defaultChecked={filter.unread === "1"} /> Unread only
        </label>
        <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white">
          Filter
        </button>
      </form>
      {alerts.length === 0 ? (
        <EmptyState icon={BellOff} title="No alerts">
          New disputes, fraud warnings, failed payouts and refunds appear here as Stripe reports them.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="Alerts">
          {alerts.map((alert) => (
            <AlertRow key={alert.id} alert={alert} viewer={viewer} />
          ))}
        </ul>
      )}
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
