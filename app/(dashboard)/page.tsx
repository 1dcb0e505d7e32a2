import type { Metadata } from "next";
import { ActivityPanel, AttentionPanels, BalancePanel } from "@/components/tables/overview-panels";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/require-role";
import { getViewerFormat } from "@/lib/format/viewer";
import { loadOverview } from "@/lib/overview";
import { accountBalance } from "@/lib/overview/balance";

export const metadata: Metadata = { title: "Overview · Ledgerline" };

export default async function OverviewPage() {
  const access = await requirePagePermission("dashboard.read");
  if (!access.ok) return <AccessDenied message={access.error} />;
  const viewer = await getViewerFormat();
  const now = new Date();
  const overview = await loadOverview({ timeZone: viewer.timeZone, now, balance: accountBalance });
  const firstName = access.staff.name.split(" ")[0] ?? access.staff.name;
  return (
    <>
      <PageHeader title={`Welcome, ${firstName}`} description={`Figures by day in ${viewer.timeZone}, from Stripe's balance transactions in the currencies they settled in. Fees, refunds and disputes are taken from gross volume to give net.`} />
      <BalancePanel balance={overview.balance} viewer={viewer} />
      <ActivityPanel activity={overview.activity} viewer={viewer} />
      <AttentionPanels overview={overview} viewer={viewer} now={now} />
    </>
  );
}
