import { ChevronRight } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { StripeModeBadge } from "@/components/shell/stripe-mode-badge";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/require-role";
import { can, rolesWith } from "@/lib/auth/roles";
import { appConfig } from "@/lib/env";
import { knownTimeZones, merchantTimeZone } from "@/lib/listing/time-zone";
import { TimeZoneForm } from "./time-zone-form";

export const metadata: Metadata = { title: "Settings · Ledgerline" };

export default async function SettingsPage() {
  const access = await requirePageRole(...rolesWith("read"));
  if (!access.ok) return <AccessDenied message={access.error} />;
  const config = appConfig();
  const timeZone = await merchantTimeZone();
  return (
    <>
      <PageHeader title="Settings" />
      <section aria-labelledby="account-heading" className="rounded-lg border border-slate-200 bg-white">
        <h2 id="account-heading" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold">
          Account
        </h2>
        <dl className="divide-y divide-slate-100 text-sm">
          <div className="flex justify-between px-4 py-3">
            <dt className="text-slate-600">Merchant name</dt>
            <dd className="font-medium">{config.merchantName}</dd>
          </div>
          <div className="flex justify-between px-4 py-3">
            <dt className="text-slate-600">Stripe</dt>
            <dd>
              <StripeModeBadge mode={config.stripe.mode} />
            </dd>
          </div>
          <div className="flex justify-between px-4 py-3">
            <dt className="text-slate-600">Time zone</dt>
            <dd className="font-medium" data-testid="merchant-time-zone">{timeZone}</dd>
          </div>
        </dl>
        {can(access.staff.role, "manageStripeSettings") ? <TimeZoneForm current={timeZone} zones={knownTimeZones()} /> : null}
      </section>
      <Link
        href="/change-password"
        className="mt-4 flex items-center justify-between rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm outline-none hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-indigo-500"
      >
        <span>
          <span className="block font-semibold">Your password</span>
          <span className="text-slate-600">Change the password you sign in with.</span>
        </span>
        <ChevronRight aria-hidden className="size-4 text-slate-400" />
      </Link>
      {can(access.staff.role, "manageStaff") ? (
        <Link
          href="/settings/staff"
          className="mt-4 flex items-center justify-between rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm outline-none hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-indigo-500"
        >
          <span>
            <span className="block font-semibold">Staff</span>
            <span className="text-slate-600">Invite people, change their role, disable accounts.</span>
          </span>
          <ChevronRight aria-hidden className="size-4 text-slate-400" />
        </Link>
      ) : (
        <p className="mt-4 text-sm text-slate-600">Staff and Stripe settings are managed by admins.</p>
      )}
    </>
  );
}
