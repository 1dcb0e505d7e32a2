"use client";

import { useActionState } from "react";
import { SettingResult, settingButton, settingSelect } from "./setting-form-parts";
import { updateOwnNumberFormat, type SettingFormState } from "./preference-actions";

export interface NumberFormatChoice {
  locale: string;
  label: string;
  pattern: string;
}

/** Each person's own number format: how the amounts they type are read. */
export function NumberFormatForm({ current, choices }: { current: string; choices: NumberFormatChoice[] }) {
  const [state, action, pending] = useActionState<SettingFormState | null, FormData>(updateOwnNumberFormat, null);
  return (
    <form action={action} className="flex flex-wrap items-end gap-3 px-4 py-3">
      <label className="text-sm text-slate-700">
        Your number format, for amounts you type and read
        <select name="locale" defaultValue={current} className={settingSelect}>
          {choices.map((choice) => (
            <option key={choice.locale} value={choice.locale}>
              {choice.pattern} — {choice.label}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={pending} className={settingButton}>
        {pending ? "Saving…" : "Save number format"}
      </button>
      <SettingResult state={state} />
    </form>
  );
}
