import { ChevronRight } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { ReadinessList } from "@/components/settings/readiness-list";
import { SignOutEverywhereButton } from "@/components/auth/sign-out-everywhere-button";
import { StripeModeBadge } from "@/components/shell/stripe-mode-badge";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/require-role";
import { can } from "@/lib/auth/permissions";
import { appConfig } from "@/lib/env";
import { knownTimeZones, merchantTimeZone } from "@/lib/listing/time-zone";
import { confirmationThresholds } from "@/lib/amounts/confirmation-thresholds";
import { formatPattern, NUMBER_FORMATS, numberFormat } from "@/lib/amounts/number-formats";
import { formatMoney } from "@/lib/money";
import { THEME_LABEL, THEMES } from "@/lib/auth/own-preferences";
import { checkStripeReadiness } from "@/lib/readiness/readiness";
import { stepUpPolicy } from "@/lib/auth/step-up";
import { twoFactorRequiredForAll } from "@/lib/auth/two-factor/requirement";
import { listPasskeys } from "@/lib/auth/passkeys/passkeys";
import { formatDate } from "@/lib/format/dates";
import { getViewerFormat } from "@/lib/format/viewer";
import { PasskeysPanel } from "@/components/auth/passkeys-panel";
import { passkeyRegistrationOptionsAction, registerPasskeyAction, removePasskeyAction } from "./passkey-actions";
import { StepUpWindowForm, TwoFactorForAllForm } from "./security-forms";
import { NumberFormatForm } from "./number-format-form";
import { OwnTimeZoneForm } from "./own-time-zone-form";
import { ThemeForm } from "./theme-form";
import { signOutEverywhereAction } from "./session-actions";
import { CurrencyAmountForm, CurrencyAmountList } from "./threshold-form";
import { updateConfirmationThreshold } from "./preference-actions";
import { updateRefundStepUpThreshold } from "./step-up-actions";
import { TimeZoneForm } from "./time-zone-form";

export const metadata: Metadata = { title: "Settings · Ledgerline" };

export default async function SettingsPage() {
  const access = await requirePagePermission("dashboard.read");
  if (!access.ok) return <AccessDenied message={access.error} />;
  const config = appConfig();
  const timeZone = await merchantTimeZone();
  const { locale } = access.staff;
  const thresholds = Object.entries(await confirmationThresholds()).map(([currency, amount]) => ({ currency, shown: formatMoney(amount, currency, locale) }));
  const [stepUp, twoFactorForAll, passkeys, viewer] = await Promise.all([stepUpPolicy(), twoFactorRequiredForAll(), listPasskeys(access.staff.id), getViewerFormat()]);
  const amountPattern = formatPattern(numberFormat(locale), 2);
  const stepUpRefunds = Object.entries(stepUp.refundAbove).map(([currency, amount]) => ({ currency, shown: formatMoney(amount, currency, locale) }));
  return (
    <>
      <PageHeader title="Settings" />
      <section aria-labelledby="you-heading" className="mb-4 rounded-lg border border-slate-200 bg-white">
        <h2 id="you-heading" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold">
          You
        </h2>
        <NumberFormatForm
          current={locale}
          choices={NUMBER_FORMATS.map((f) => ({ locale: f.locale, label: f.label, pattern: formatPattern(f, 2) }))}
        />
        <ThemeForm current={access.staff.theme} choices={THEMES.map((value) => ({ value, label: THEME_LABEL[value] }))} />
        <OwnTimeZoneForm current={access.staff.timeZone} merchantZone={timeZone} zones={knownTimeZones()} />
      </section>
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
        {can(access.staff.roles, "settings.manage") ? <TimeZoneForm current={timeZone} zones={knownTimeZones()} /> : null}
      </section>
      {can(access.staff.roles, "stripe.readiness.view") ? (
        <section aria-labelledby="readiness-heading" className="mt-4 rounded-lg border border-slate-200 bg-white">
          <h2 id="readiness-heading" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold">
            Stripe readiness
          </h2>
          <p className="px-4 pt-3 text-sm text-slate-600">The same check as <code>npm run stripe:check</code>, run now against Stripe. It changes nothing.</p>
          <Suspense fallback={<p className="px-4 py-3 text-sm text-slate-600">Asking Stripe…</p>}>
            <StripeReadiness />
          </Suspense>
        </section>
      ) : null}
      <section aria-labelledby="large-amounts-heading" className="mt-4 rounded-lg border border-slate-200 bg-white">
        <h2 id="large-amounts-heading" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold">
          Large amounts
        </h2>
        <p className="px-4 pt-3 text-sm text-slate-600">
          Charges and refunds above these amounts ask for a second confirmation that repeats the amount. Currencies not listed always ask.
        </p>
        <CurrencyAmountList rows={thresholds} between=": above " testId="confirmation-thresholds" />
        {can(access.staff.roles, "settings.manage") ? (
          <CurrencyAmountForm rows={thresholds} pattern={amountPattern} save={updateConfirmationThreshold} amountLabel="Confirm above" buttonLabel="Save threshold" />
        ) : null}
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
      <Link
        href="/settings/alerts"
        className="mt-4 flex items-center justify-between rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm outline-none hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-indigo-500"
      >
        <span>
          <span className="block font-semibold">Alert preferences</span>
          <span className="text-slate-600">Which alerts also reach you by email, at once or in a daily digest.</span>
        </span>
        <ChevronRight aria-hidden className="size-4 text-slate-400" />
      </Link>
      <Link
        href="/settings/two-factor"
        className="mt-4 flex items-center justify-between rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm outline-none hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-indigo-500"
      >
        <span>
          <span className="block font-semibold">Two-factor sign-in</span>
          <span className="text-slate-600">Sign in with a code from an authenticator app as well as your password.</span>
        </span>
        <ChevronRight aria-hidden className="size-4 text-slate-400" />
      </Link>
      <section aria-labelledby="security-heading" className="mt-4 rounded-lg border border-slate-200 bg-white">
        <h2 id="security-heading" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold">
          Sign-in security
        </h2>
        <p className="px-4 pt-3 text-sm text-slate-600" data-testid="step-up-policy">
          Two-factor sign-in is required for {twoFactorForAll ? "all staff" : "Administrators and Developers"}. Accepting a dispute, changing staff or their roles,
          the webhook endpoint, and refunds above the amounts below need a sign-in or a confirmation within the last {stepUp.windowMinutes} minutes.
        </p>
        <CurrencyAmountList rows={stepUpRefunds} between=" refunds above " />
        <PasskeysPanel
          passkeys={passkeys.map((p) => ({ id: p.id, name: p.name, added: formatDate(p.createdAt, viewer), lastUsed: p.lastUsedAt ? formatDate(p.lastUsedAt, viewer) : null }))}
          registrationOptions={passkeyRegistrationOptionsAction} register={registerPasskeyAction} remove={removePasskeyAction}
        />
        {can(access.staff.roles, "settings.manage") ? (
          <>
            <TwoFactorForAllForm required={twoFactorForAll} />
            <StepUpWindowForm minutes={stepUp.windowMinutes} />
            <CurrencyAmountForm rows={stepUpRefunds} pattern={amountPattern} save={updateRefundStepUpThreshold} amountLabel="Refunds above" buttonLabel="Save refund amount" />
          </>
        ) : null}
      </section>
      <section aria-label="Your sessions" className="mt-4 rounded-lg border border-slate-200 bg-white">
        <SignOutEverywhereButton signOutEverywhere={signOutEverywhereAction} />
      </section>
      {can(access.staff.roles, "staff.manage") ? (
        <Link
          href="/settings/staff"
          className="mt-4 flex items-center justify-between rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm outline-none hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-indigo-500"
        >
          <span>
            <span className="block font-semibold">Staff</span>
            <span className="text-slate-600">Invite people, change their role, end their sessions, disable accounts.</span>
          </span>
          <ChevronRight aria-hidden className="size-4 text-slate-400" />
        </Link>
      ) : null}
      {can(access.staff.roles, "staff.manage") ? (
        <Link
          href="/settings/mail"
          className="mt-4 flex items-center justify-between rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm outline-none hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-indigo-500"
        >
          <span>
            <span className="block font-semibold">Mail</span>
            <span className="text-slate-600">Alert mail the server has not accepted, and the local mailbox in emulator mode.</span>
          </span>
          <ChevronRight aria-hidden className="size-4 text-slate-400" />
        </Link>
      ) : (
        <p className="mt-4 text-sm text-slate-600">Staff and Stripe settings are managed by Administrators.</p>
      )}
    </>
  );
}

async function StripeReadiness() {
  const lines = await checkStripeReadiness();
  return <ReadinessList lines={lines} />;
}
