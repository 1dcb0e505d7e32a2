import { ScrollText } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { FilterBar, KindFilter, SelectFilter, TextFilter } from "@/components/tables/filter-bar";
import { Table } from "@/components/tables/table";
import { AccessDenied } from "@/components/ui/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { auditFilterChoices, auditFilterSchema, listStaffActions } from "@/lib/audit/queries";
import { ACTION_TITLES } from "@/lib/audit/timeline";
import { requirePagePermission } from "@/lib/auth/require-role";
import { formatDateTime, staffActionStatusLabel } from "@/lib/format";
import { getViewerFormat } from "@/lib/format/viewer";

export const metadata: Metadata = { title: "Audit · Ledgerline" };

const AUDIT_COLUMNS = [{ label: "When" }, { label: "Who" }, { label: "Action" }, { label: "Object" }, { label: "Outcome" }];

const STATUS_CLASS = { succeeded: "bg-emerald-100 text-emerald-800", failed: "bg-red-100 text-red-800", pending: "bg-amber-100 text-amber-900" } as const;

/** Where an action's object lives in the dashboard. */
function objectHref(id: string | null): string | null {
  if (!id) return null;
  if (id.startsWith("pi_")) return `/payments/${id}`;
  if (id.startsWith("dp_") || id.startsWith("du_")) return `/disputes/${id}`;
  if (id.startsWith("cus_")) return `/customers/${id}`;
  return null;
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const access = await requirePagePermission("dashboard.read");
  if (!access.ok) return <AccessDenied message={access.error} />;
  const viewer = await getViewerFormat();
  const filter = auditFilterSchema.parse(await searchParams);
  const [{ rows, next }, choices] = await Promise.all([listStaffActions(filter), auditFilterChoices()]);
  const query = (extra: Record<string, string>) =>
    new URLSearchParams({ ...(filter.actor ? { actor: filter.actor } : {}), ...(filter.kind ? { kind: filter.kind } : {}), ...(filter.object ? { object: filter.object } : {}), ...extra }).toString();

  return (
    <>
      <PageHeader title="Audit" description="Every action staff took, who took it, and what Stripe answered." />
      <FilterBar action="/audit" clearHref="/audit" active={Boolean(filter.actor || filter.kind || filter.object)}>
        <SelectFilter name="actor" label="Person" value={filter.actor} options={choices.staff.map((s) => ({ value: s.id, label: s.name }))} />
        <KindFilter name="kind" value={filter.kind} titles={Object.fromEntries(choices.kinds.map((k) => [k, ACTION_TITLES[k] ?? k]))} />
        <TextFilter name="object" label="Object id" value={filter.object} placeholder="pi_…, dp_…, cus_…" />
      </FilterBar>
      {rows.length === 0 ? (
        <EmptyState icon={ScrollText} title="No actions match">
          Refunds, charges, card links and dispute responses appear here as staff take them.
        </EmptyState>
      ) : (
        <Table caption="Staff actions, newest first" columns={AUDIT_COLUMNS} testId="audit-log">
          {rows.map((r) => {
            const target = r.resultObjectId && objectHref(r.resultObjectId) ? r.resultObjectId : r.objectId;
            const href = objectHref(target);
            return (
              <tr key={r.id} className="align-top">
                <td className="px-3 py-2 whitespace-nowrap text-slate-600">{formatDateTime(r.at, viewer)}</td>
                <td className="px-3 py-2">{r.actor.name}</td>
                <td className="px-3 py-2">{r.title}</td>
                <td className="px-3 py-2 font-mono text-xs">{href ? <Link className="text-indigo-700 hover:underline" href={href}>{target}</Link> : (target ?? "—")}</td>
                <td className="px-3 py-2">
                  <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_CLASS[r.status]}`}>{staffActionStatusLabel(r.status)}</span>
                  {r.message ? <span className="ml-2 text-slate-700">{r.message}</span> : null}
                </td>
              </tr>
            );
          })}
        </Table>
      )}
      {next ? (
        <p className="mt-3 text-right">
          <Link className="text-sm font-medium text-indigo-700 hover:underline" href={`/audit?${query({ after: next })}`}>
            Older actions →
          </Link>
        </p>
      ) : null}
    </>
  );
}
