"use client";

import Link from "next/link";
import { useActionState, type ReactNode } from "react";

/** The confirmation's answer (lib/auth/two-factor/enrolment.ts), which is server-only. */
type EnrolmentResult =
  | { ok: true; message: string; recoveryCodes: string[] }
  | { ok: false; error: string; fieldErrors?: Record<string, string[] | undefined> };

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs outline-none focus-visible:border-indigo-500 focus-visible:ring-2 focus-visible:ring-indigo-200 aria-invalid:border-red-500";
const buttonClass =
  "mt-4 w-full rounded-md bg-indigo-600 px-3 py-2 text-center text-sm font-semibold text-white shadow-xs outline-none hover:bg-indigo-500 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2 disabled:opacity-60";

type State = { enrolled: true; recoveryCodesLeft: number } | { enrolled: false; secret: string; qrCode: string };

export function TwoFactorEnrolment({
  email, required, state, confirm, controls,
}: { email: string; required: boolean; state: State; confirm: (input: unknown) => Promise<EnrolmentResult>; controls?: ReactNode }) {
  const [result, formAction, pending] = useActionState<EnrolmentResult | null, FormData>((_previous, form) => confirm(Object.fromEntries(form)), null);

  if (result?.ok) return <RecoveryCodes codes={result.recoveryCodes} message={result.message} />;
  if (state.enrolled) {
    return (
      <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm" aria-labelledby="two-factor-title">
        <h1 id="two-factor-title" className="text-lg font-semibold">Two-factor sign-in is on</h1>
        <p className="mt-2 text-sm text-slate-600" data-testid="two-factor-status">
          {email} signs in with a password and a code from an authenticator app. Unused recovery codes: {state.recoveryCodesLeft}.
        </p>
        {controls}
        <Link href="/settings" className={`${buttonClass} block`}>Back to Settings</Link>
      </section>
    );
  }
  const codeError = result && !result.ok ? (result.fieldErrors?.code?.[0] ?? result.error) : undefined;
  return (
    <form action={formAction} className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm" aria-labelledby="two-factor-title">
      <h1 id="two-factor-title" className="text-lg font-semibold">Set up two-factor sign-in</h1>
      <p className="mt-1 text-sm text-slate-600">
        {required
          ? "Your role needs a second factor. Set it up before you continue."
          : "Sign in with a code from your phone as well as your password."}
      </p>
      <ol className="mt-4 list-decimal space-y-3 pl-5 text-sm text-slate-800">
        <li>
          Scan this code with an authenticator app (1Password, Google Authenticator, Authy…).
          {/* eslint-disable-next-line @next/next/no-img-element -- a data URL drawn on the server, nothing to optimise */}
          <img src={state.qrCode} alt={`QR code to add ${email} to an authenticator app`} className="mt-2 size-44 border border-slate-200" />
        </li>
        <li>
          Or type this key into the app:{" "}
          <code data-testid="two-factor-secret" className="font-mono text-xs break-all select-all">{state.secret}</code>
        </li>
        <li>
          <label htmlFor="code" className="font-medium">Enter the 6-digit code the app shows</label>
          <input
            id="code" name="code" inputMode="numeric" autoComplete="one-time-code" required maxLength={6} className={inputClass}
            aria-invalid={Boolean(codeError) || undefined} aria-describedby={codeError ? "code-error" : undefined}
          />
          {codeError ? <p id="code-error" role="alert" className="mt-1 text-xs text-red-700">{codeError}</p> : null}
        </li>
      </ol>
      <button type="submit" disabled={pending} className={buttonClass}>{pending ? "Checking…" : "Turn on"}</button>
    </form>
  );
}

function RecoveryCodes({ codes, message }: { codes: string[]; message: string }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm" aria-labelledby="recovery-title">
      <h1 id="recovery-title" className="text-lg font-semibold">Save your recovery codes</h1>
      <p role="status" className="mt-1 text-sm text-slate-600">{message}</p>
      <p className="mt-2 text-sm text-slate-600">Each code signs you in once without your phone.</p>
      <ul data-testid="recovery-codes" className="mt-3 grid grid-cols-2 gap-1 font-mono text-sm select-all">
        {codes.map((code) => <li key={code}>{code}</li>)}
      </ul>
      <Link href="/" className={`${buttonClass} block`}>I have saved them — continue</Link>
    </section>
  );
}
