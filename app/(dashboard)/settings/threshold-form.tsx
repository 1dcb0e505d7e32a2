"use client";

import { useActionState } from "react";
import { SettingResult, settingButton, settingInput, settingSelect } from "./setting-form-parts";
import { updateConfirmationThreshold, type SettingFormState } from "./preference-actions";

export interface ThresholdRow {
  currency: string;
  shown: string;
}

/** Per currency, the amount above which a charge or refund must be confirmed a second time. */
export function ThresholdForm({ rows, pattern }: { rows: ThresholdRow[]; pattern: string }) {
  const [state, action, pending] = useActionState<SettingFormState | null, FormData>(updateConfirmationThreshold, null);
  return (
    <form action={action} className="flex flex-wrap items-end gap-3 px-4 py-3">
      <label className="text-sm text-slate-700">
        Currency
        <select name="currency" className={settingSelect}>
          {rows.map((row) => (
            <option key={row.currency} value={row.currency}>
              {row.currency.toUpperCase()} (now {row.shown})
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm text-slate-700">
        Confirm above
        <input name="amount" required autoComplete="off" inputMode="decimal" placeholder={pattern} className={settingInput} />
      </label>
      <button type="submit" disabled={pending} className={settingButton}>
        {pending ? "Saving…" : "Save threshold"}
      </button>
      <SettingResult state={state} />
    </form>
  );
}
