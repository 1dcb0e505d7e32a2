import type { Metadata } from "next";
import { PreferenceRow } from "@/components/alerts/preference-row";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { ownAlertPreferences } from "@/lib/alerts/preferences";
import { requirePagePermission } from "@/lib/auth/require-role";
import { saveAlertPreferenceAction } from "./actions";

export const metadata: Metadata = { title: "Alert preferences · Ledgerline" };

export default async function AlertPreferencesPage() {
  const access = await requirePagePermission("self.manage");
  if (!access.ok) return <AccessDenied message={access.error} />;
  const preferences = await ownAlertPreferences(access.staff);
  return (
    <>
      <PageHeader title="Alert preferences" description={`Every alert below appears in your inbox. Choose which ones also reach ${access.staff.email} by email.`} />
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="Alert preferences">
        {preferences.map((p) => (
          <PreferenceRow key={p.rule} {...p} save={saveAlertPreferenceAction} />
        ))}
      </ul>
    </>
  );
}
