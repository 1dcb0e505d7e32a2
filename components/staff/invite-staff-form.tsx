"use client";

import { KeyRound } from "lucide-react";
import { useActionState, useId } from "react";
import { ROLE_DESCRIPTION, ROLE_LABEL, STAFF_ROLES } from "@/lib/auth/roles";
import type { StaffChange, StaffChangeOutcome } from "./types";

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-xs outline-none focus-visible:border-indigo-500 focus-visible:ring-2 focus-visible:ring-indigo-200 aria-invalid:border-red-500";

export function InviteStaffForm({ invite }: { invite: StaffChange }) {
  const id = useId();
  const [state, formAction, pending] = useActionState<StaffChangeOutcome | null, FormData>(
    (_previous, form) => invite(Object.fromEntries(form)),
    null,
  );
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};

  return (
    <form action={formAction} aria-labelledby={`${id}-title`} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={`${id}-title`} className="text-sm font-semibold">
        Invite a staff member
      </h2>
      <p className="mt-0.5 text-sm text-slate-600">
        They get a one-time password, shown here once, to sign in with.
      </p>
      <div className="mt-4 grid gap-4 sm:grid-cols-3">
        <Field id={`${id}-email`} label="Email" error={errors.email?.[0]}>
          <input id={`${id}-email`} name="email" type="email" required autoComplete="off" className={inputClass} aria-invalid={Boolean(errors.email) || undefined} aria-describedby={errors.email ? `${id}-email-error` : undefined} />
        </Field>
        <Field id={`${id}-name`} label="Name" error={errors.name?.[0]}>
          <input id={`${id}-name`} name="name" required maxLength={120} autoComplete="off" className={inputClass} aria-invalid={Boolean(errors.name) || undefined} aria-describedby={errors.name ? `${id}-name-error` : undefined} />
        </Field>
        <Field id={`${id}-role`} label="Role" error={errors.role?.[0]}>
          <select id={`${id}-role`} name="role" defaultValue="viewer" className={inputClass} aria-describedby={`${id}-roles`}>
            {STAFF_ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABEL[role]}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <ul id={`${id}-roles`} className="mt-3 space-y-0.5 text-xs text-slate-600">
        {[...STAFF_ROLES].reverse().map((role) => (
          <li key={role}>
            <span className="font-semibold text-slate-800">{ROLE_LABEL[role]}</span>: {ROLE_DESCRIPTION[role]}
          </li>
        ))}
      </ul>
      <div className="mt-4 flex items-center gap-3">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white shadow-xs outline-none hover:bg-indigo-500 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2 disabled:opacity-60"
        >
          {pending ? "Inviting…" : "Invite"}
        </button>
        <p role="status" className={`text-sm ${state?.ok ? "text-emerald-700" : "text-red-700"}`}>
          {state ? (state.ok ? state.message : state.error) : null}
        </p>
      </div>
      {state?.ok && state.temporaryPassword ? (
        <div className="mt-4 flex items-start gap-3 rounded-md border border-indigo-200 bg-indigo-50 p-3 text-sm text-indigo-950">
          <KeyRound aria-hidden className="mt-0.5 size-4 shrink-0" />
          <div>
            <p>One-time password — share it privately now; it is not stored and will not be shown again:</p>
            <p className="mt-1 font-mono text-base font-semibold select-all" data-testid="temporary-password">
              {state.temporaryPassword}
            </p>
          </div>
        </div>
      ) : null}
    </form>
  );
}

function Field({ id, label, error, children }: { id: string; label: string; error?: string; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
