"use client";

import { StepUpDialog } from "@/components/auth/step-up-dialog";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { ROLE_LABEL, sortedRoles, STAFF_ROLES, type StaffRole } from "@/lib/auth/roles";
import type { StaffChange, StaffChangeOutcome, StaffMember } from "./types";

const buttonClass =
  "rounded-md px-2.5 py-1 text-sm font-medium outline-none ring-1 ring-inset focus-visible:ring-2 focus-visible:ring-indigo-500 disabled:opacity-60";

export function StaffRowControls({
  member,
  isSelf,
  changeRole,
  setDisabled,
  endSessions,
  unlock,
  resetTwoFactor,
}: {
  member: StaffMember;
  isSelf: boolean;
  changeRole: StaffChange;
  setDisabled: StaffChange;
  endSessions: StaffChange;
  unlock: StaffChange;
  resetTwoFactor: StaffChange;
}) {
  const [roles, setRoles] = useState<StaffRole[]>(member.roles);
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<StaffChangeOutcome | null>(null);
  const [pending, startTransition] = useTransition();

  function run(change: StaffChange, input: Record<string, unknown>) {
    startTransition(async () => {
      const result = await change(input);
      setOutcome(result);
      setConfirming(false);
      if (result.ok) toast.success(result.message);
      else toast.error(result.error);
    });
  }

  const label = `${member.name} (${member.email})`;
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <fieldset id={`role-${member.id}`} className="flex w-full flex-wrap justify-end gap-x-3 gap-y-1 text-xs" disabled={pending}>
        <legend className="sr-only">Roles of {label}</legend>
        {STAFF_ROLES.map((r) => (
          <label key={r} className="inline-flex items-center gap-1">
            <input
              type="checkbox"
              checked={roles.includes(r)}
              onChange={(e) => setRoles(sortedRoles(e.target.checked ? [...roles, r] : roles.filter((held) => held !== r)))}
              aria-label={`${ROLE_LABEL[r]} for ${label}`}
            />
            {ROLE_LABEL[r]}
          </label>
        ))}
      </fieldset>
      <button
        type="button"
        disabled={pending || roles.length === 0 || roles.join() === sortedRoles(member.roles).join()}
        onClick={() => run(changeRole, { staffId: member.id, roles })}
        className={`${buttonClass} bg-white text-slate-800 ring-slate-300 hover:bg-slate-50`}
        aria-label={`Save roles of ${label}`}
      >
        Save roles
      </button>
      {member.disabled ? (
        <button
          type="button"
          disabled={pending}
          onClick={() => run(setDisabled, { staffId: member.id, disabled: false })}
          className={`${buttonClass} bg-white text-emerald-800 ring-emerald-300 hover:bg-emerald-50`}
          aria-label={`Re-enable ${label}`}
        >
          Re-enable
        </button>
      ) : confirming ? (
        <span className="inline-flex items-center gap-2 text-sm">
          <span>Disable {member.name}?</span>
          <button
            type="button"
            disabled={pending}
            onClick={() => run(setDisabled, { staffId: member.id, disabled: true })}
            className={`${buttonClass} bg-red-600 text-white ring-red-700 hover:bg-red-700`}
          >
            Confirm disable
          </button>
          <button type="button" onClick={() => setConfirming(false)} className={`${buttonClass} bg-white ring-slate-300`}>
            Cancel
          </button>
        </span>
      ) : (
        <button
          type="button"
          disabled={pending || isSelf}
          title={isSelf ? "You cannot disable your own account" : undefined}
          onClick={() => setConfirming(true)}
          className={`${buttonClass} bg-white text-red-700 ring-red-200 hover:bg-red-50`}
          aria-label={`Disable ${label}`}
        >
          Disable
        </button>
      )}
      {member.twoFactor && !isSelf ? (
        <button
          type="button"
          disabled={pending}
          onClick={() => run(resetTwoFactor, { staffId: member.id })}
          className={`${buttonClass} bg-white text-slate-800 ring-slate-300 hover:bg-slate-50`}
          aria-label={`Remove the second factor of ${label}`}
        >
          Reset two-factor
        </button>
      ) : null}
      {member.locked ? (
        <button
          type="button"
          disabled={pending}
          onClick={() => run(unlock, { staffId: member.id })}
          className={`${buttonClass} bg-white text-amber-900 ring-amber-300 hover:bg-amber-50`}
          aria-label={`Unlock sign-in of ${label}`}
        >
          Unlock sign-in
        </button>
      ) : null}
      {member.disabled || isSelf ? null : (
        <button
          type="button"
          disabled={pending}
          onClick={() => run(endSessions, { staffId: member.id })}
          className={`${buttonClass} bg-white text-slate-800 ring-slate-300 hover:bg-slate-50`}
          aria-label={`End sessions of ${label}`}
        >
          End sessions
        </button>
      )}
      <p role="status" className={`w-full text-right text-xs ${outcome?.ok ? "text-emerald-700" : "text-red-700"}`}>
        {outcome ? (outcome.ok ? outcome.message : outcome.error) : null}
      </p>
      {outcome && !outcome.ok ? <StepUpDialog key={outcome.error} code={outcome.code} /> : null}
    </div>
  );
}
