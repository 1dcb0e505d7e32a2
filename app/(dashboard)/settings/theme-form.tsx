"use client";

import { useActionState } from "react";
import { SettingResult, settingButton, settingSelect } from "./setting-form-parts";
import { updateOwnTheme, type SettingFormState } from "./preference-actions";

/** Light or dark pages, kept on the person's profile so every device they sign in on agrees. */
export function ThemeForm({ current, choices }: { current: string; choices: Array<{ value: string; label: string }> }) {
  const [state, action, pending] = useActionState<SettingFormState | null, FormData>(updateOwnTheme, null);
  return (
    <form action={action} className="flex flex-wrap items-end gap-3 px-4 py-3">
      <label className="text-sm text-slate-700">
        Theme
        <select name="theme" defaultValue={current} className={settingSelect}>
          {choices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={pending} className={settingButton}>
        {pending ? "Saving…" : "Save theme"}
      </button>
      <SettingResult state={state} />
    </form>
  );
}
