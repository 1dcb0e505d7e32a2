import type { ReactNode } from "react";
import { AlertBell } from "@/components/shell/alert-bell";
import { AppShell } from "@/components/shell/app-shell";
import { SearchButton, SearchPalette } from "@/components/shell/search-palette";
import { Sidebar } from "@/components/shell/sidebar";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { StripeModeBadge } from "@/components/shell/stripe-mode-badge";
import { requirePagePermission } from "@/lib/auth/require-role";
import { rolesLabel } from "@/lib/auth/roles";
import { unreadAlertCount } from "@/lib/alerts/inbox";
import { appConfig } from "@/lib/env";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  // Also sends an invited person to replace the one-time password an admin saw, before anything else.
  const access = await requirePagePermission("dashboard.read");
  if (!access.ok) return null; // unreachable: every role may see the shell
  const { staff } = access;
  const config = appConfig();
  const live = config.stripe.mode === "live";
  const unread = await unreadAlertCount(staff.id);

  return (
    <AppShell
      banner={
        live ? (
          <div role="status" className="bg-red-600 px-4 py-1 text-center text-xs font-semibold tracking-wide text-white">
            LIVE — actions here move real money
          </div>
        ) : null
      }
      brand={
        <div className="flex min-w-0 flex-1 items-center justify-between gap-2">
          <span className="truncate text-sm font-semibold text-slate-900" title={config.merchantName}>
            {config.merchantName}
          </span>
          <StripeModeBadge mode={config.stripe.mode} />
        </div>
      }
      navigation={<Sidebar />}
      account={
        <>
          <p className="truncate text-sm font-medium text-slate-900" data-testid="staff-name">
            {staff.name}
          </p>
          <p className="truncate text-xs text-slate-500">{staff.email}</p>
          <p className="mt-1 text-xs text-slate-600">
            Role: <span data-testid="staff-role" className="font-semibold">{rolesLabel(staff.roles)}</span>
          </p>
          <div className="mt-2 -ml-2">
            <SignOutButton />
          </div>
        </>
      }
      // Items every page shows in the top bar go here (they get a place on both screen sizes).
      headerActions={
        <>
          <SearchButton />
          <AlertBell initialUnread={unread} locale={staff.locale} />
        </>
      }
    >
      <SearchPalette />
      {children}
    </AppShell>
  );
}
