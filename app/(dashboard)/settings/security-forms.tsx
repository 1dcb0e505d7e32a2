"use client";

import { useActionState } from "react";
import { StepUpDialog } from "@/components/auth/step-up-dialog";
import type { SettingFormState } from "./preference-actions";
import { SettingResult, settingButton, settingInput, settingSelect } from "./setting-form-parts";
import { updateStepUpWindow, updateTwoFactorForAll } from "./step-up-actions";

// The admin's security settings: who needs a second factor, and what needs a recent confirmation.

function Refusal({ state }: { state: SettingFormState | null }) {
  return state && !state.ok ? <StepUpDialog key={state.message} code={state.code} /> : null;
}

export function TwoFactorForAllForm({ required }: { required: boolean }) {
  const [state, action, pending] = useActionState<SettingFormState | null, FormData>(updateTwoFactorForAll, null);
  return (
    <form action={action} className="flex flex-wrap items-end gap-3 px-4 py-3">
      <label className="text-sm text-slate-700">
        Two-factor sign-in is required for
        <select name="required" defaultValue={String(required)} className={settingSelect}>
          <option value="false">admins only</option>
          <option value="true">all staff</option>
        </select>
      </label>
      <button type="submit" disabled={pending} className={settingButton}>
        {pending ? "Saving…" : "Save requirement"}
      </button>
      <SettingResult state={state} />
      <Refusal state={state} />
    </form>
  );
}

export function StepUpWindowForm({ minutes }: { minutes: number }) {
  const [state, action, pending] = useActionState<SettingFormState | null, FormData>(updateStepUpWindow, null);
  return (
    <form action={action} className="flex flex-wrap items-end gap-3 px-4 py-3">
      <label className="text-sm text-slate-700">
        Minutes a sign-in or confirmation counts as recent
        <input name="minutes" required inputMode="numeric" defaultValue={minutes} className={settingInput} />
      </label>
      <button type="submit" disabled={pending} className={settingButton}>
        {pending ? "Saving…" : "Save minutes"}
      </button>
      <SettingResult state={state} />
      <Refusal state={state} />
    </form>
  );
}
