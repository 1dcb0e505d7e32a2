"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import type { StaffChange, StaffChangeOutcome } from "@/components/staff/types";

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs outline-none focus-visible:border-indigo-500 focus-visible:ring-2 focus-visible:ring-indigo-200 aria-invalid:border-red-500";

const FIELDS = [
  { name: "currentPassword", label: "Current password", autoComplete: "current-password" },
  { name: "newPassword", label: "New password (at least 12 characters)", autoComplete: "new-password" },
  { name: "confirmPassword", label: "New password again", autoComplete: "new-password" },
] as const;

export function ChangePasswordForm({ email, required, change }: { email: string; required: boolean; change: StaffChange }) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState<StaffChangeOutcome | null, FormData>(
    async (_previous, form) => {
      const result = await change(Object.fromEntries(form));
      // The change ended every session, this one too: sign this browser in again with the new password.
      if (result.ok) await signIn("credentials", { email, password: String(form.get("newPassword") ?? ""), redirect: false });
      return result;
    },
    null,
  );
  useEffect(() => {
    if (state?.ok) router.replace("/");
  }, [state, router]);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};

  return (
    <form action={formAction} className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm" aria-labelledby="change-password-title">
      <h1 id="change-password-title" className="text-lg font-semibold">
        {required ? "Choose your own password" : "Change your password"}
      </h1>
      <p className="mt-1 text-sm text-slate-600">
        {required
          ? `You signed in as ${email} with a one-time password. Replace it before you continue.`
          : `Signed in as ${email}.`}
      </p>
      {/* Lets password managers pair the new password with the account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      {FIELDS.map((field) => {
        const error = errors[field.name]?.[0];
        return (
          <div key={field.name} className="mt-4">
            <label htmlFor={field.name} className="block text-sm font-medium text-slate-800">
              {field.label}
            </label>
            <input
              id={field.name}
              name={field.name}
              type="password"
              required
              autoComplete={field.autoComplete}
              className={inputClass}
              aria-invalid={Boolean(error) || undefined}
              aria-describedby={error ? `${field.name}-error` : undefined}
            />
            {error ? (
              <p id={`${field.name}-error`} className="mt-1 text-xs text-red-700">
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
      <p role="status" data-testid="change-password-result" className={`mt-4 text-sm ${state?.ok ? "text-emerald-700" : "text-red-700"}`}>
        {state ? (state.ok ? state.message : state.error) : null}
      </p>
      <div className="mt-4 flex items-center justify-between">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white shadow-xs outline-none hover:bg-indigo-500 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2 disabled:opacity-60"
        >
          {pending ? "Saving…" : "Save password"}
        </button>
        {required ? null : (
          <Link href="/settings" className="text-sm text-slate-600 underline">
            Cancel
          </Link>
        )}
      </div>
    </form>
  );
}
