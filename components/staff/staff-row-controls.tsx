"use client";

import { StepUpDialog } from "@/components/auth/step-up-dialog";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { ROLE_LABEL, STAFF_ROLES, type StaffRole } from "@/lib/auth/roles";
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
  const [role, setRole] = useState<StaffRole>(member.role);
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
      <label className="sr-only" htmlFor={`role-${member.id}`}>
        Role of {label}
      </label>
      <select
        id={`role-${member.id}`}
        value={role}
        disabled={pending}
        onChange={(e) => setRole(e.target.value as StaffRole)}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
      >
        {STAFF_ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABEL[r]}
          </option>
        ))}
      </select>
      <button
        type="button"
        disabled={pending || role === member.role}
        onClick={() => run(changeRole, { staffId: member.id, role })}
        className={`${buttonClass} bg-white text-slate-800 ring-slate-300 hover:bg-slate-50`}
        aria-label={`Save role of ${label}`}
      >
        Save role
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
            className={`${buttonClass} bg-red-600 text-white ring-red-700 hover:bg-red-500`}
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
          aria-label={`End every session of ${label}`}
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
