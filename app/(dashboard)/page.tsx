import { LayoutDashboard } from "lucide-react";
import type { Metadata } from "next";
import { stripeModeExplanation } from "@/components/shell/stripe-mode-badge";
import { AccessDenied } from "@/components/ui/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/require-role";
import { rolesWith } from "@/lib/auth/roles";
import { appConfig } from "@/lib/env";

export const metadata: Metadata = { title: "Overview · Ledgerline" };

export default async function OverviewPage() {
  const access = await requirePageRole(...rolesWith("read"));
  if (!access.ok) return <AccessDenied message={access.error} />;
  const firstName = access.staff.name.split(" ")[0] ?? access.staff.name;
  return (
    <>
      <PageHeader title={`Welcome, ${firstName}`} description={stripeModeExplanation(appConfig().stripe.mode)} />
      <EmptyState icon={LayoutDashboard} title="Nothing to summarise yet">
        Volume, refunds, disputes needing a response and upcoming payouts appear here once Stripe reports activity.
      </EmptyState>
    </>
  );
}
