"use client";

import { KeyRound } from "lucide-react";
import { useActionState, useId } from "react";
import { StepUpDialog } from "@/components/auth/step-up-dialog";
import { errorProps, Field, inputClass, primaryButton } from "@/components/payments/action-form";
import { ROLE_DESCRIPTION, ROLE_LABEL, STAFF_ROLES } from "@/lib/auth/roles";
import type { StaffChange, StaffChangeOutcome } from "./types";

export function InviteStaffForm({ invite }: { invite: StaffChange }) {
  const id = useId();
  const [state, formAction, pending] = useActionState<StaffChangeOutcome | null, FormData>(
    // Several checked roles share one name: getAll keeps them all.
    (_previous, form) => invite({ ...Object.fromEntries(form), roles: form.getAll("roles") }),
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
      <div className="mt-4 grid gap-4 sm:grid-cols-2">
        <Field id={`${id}-email`} label="Email" error={errors.email?.[0]}>
          <input id={`${id}-email`} name="email" type="email" required autoComplete="off" className={inputClass} {...errorProps(`${id}-email`, errors.email?.[0])} />
        </Field>
        <Field id={`${id}-name`} label="Name" error={errors.name?.[0]}>
          <input id={`${id}-name`} name="name" required maxLength={120} autoComplete="off" className={inputClass} {...errorProps(`${id}-name`, errors.name?.[0])} />
        </Field>
      </div>
      <fieldset className="mt-4" aria-describedby={errors.roles?.[0] ? `${id}-roles-error` : undefined}>
        <legend className="text-sm font-medium text-slate-800">Roles (one or more; a person holds every permission of each)</legend>
        <ul className="mt-1 space-y-1 text-sm text-slate-700">
          {STAFF_ROLES.map((role) => (
            <li key={role}>
              <label className="inline-flex items-start gap-2">
                <input type="checkbox" name="roles" value={role} defaultChecked={role === "view_only"} className="mt-1" />
                <span>
                  <span className="font-semibold text-slate-800">{ROLE_LABEL[role]}</span>: {ROLE_DESCRIPTION[role]}
                </span>
              </label>
            </li>
          ))}
        </ul>
        {errors.roles?.[0] ? (
          <p id={`${id}-roles-error`} className="mt-1 text-sm text-red-700">
            {errors.roles[0]}
          </p>
        ) : null}
      </fieldset>
      <div className="mt-4 flex items-center gap-3">
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? "Inviting…" : "Invite"}
        </button>
        <p role="status" className={`text-sm ${state?.ok ? "text-emerald-700" : "text-red-700"}`}>
          {state ? (state.ok ? state.message : state.error) : null}
        </p>
      </div>
      {state && !state.ok ? <StepUpDialog key={state.error} code={state.code} /> : null}
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
