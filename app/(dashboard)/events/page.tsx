import { Activity } from "lucide-react";
import type { Metadata } from "next";
import { AccessDenied } from "@/components/ui/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/require-role";
import { rolesWith } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Events · Ledgerline" };

export default async function EventsPage() {
  const access = await requirePageRole(...rolesWith("read"));
  if (!access.ok) return <AccessDenied message={access.error} />;
  return (
    <>
      <PageHeader title="Events" description="Every event Stripe sent to this dashboard, and how it was processed." />
      <EmptyState icon={Activity} title="No events received yet">
        Stripe events appear here as webhooks arrive.
      </EmptyState>
    </>
  );
}
