"use client";

import { useActionState } from "react";
import { SettingResult, settingButton, settingSelect } from "./setting-form-parts";
import { updateOwnTimeZone, type SettingFormState } from "./preference-actions";

/** Each person's own time zone for dates and day filters, or the merchant's. */
export function OwnTimeZoneForm({ current, merchantZone, zones }: { current: string | null; merchantZone: string; zones: string[] }) {
  const [state, action, pending] = useActionState<SettingFormState | null, FormData>(updateOwnTimeZone, null);
  return (
    <form action={action} className="flex flex-wrap items-end gap-3 px-4 py-3">
      <label className="text-sm text-slate-700">
        Your time zone, for dates you read and day filters
        <select name="timeZone" defaultValue={current ?? ""} className={settingSelect}>
          <option value="">The merchant&apos;s ({merchantZone})</option>
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={pending} className={settingButton}>
        {pending ? "Saving…" : "Save my time zone"}
      </button>
      <SettingResult state={state} />
    </form>
  );
}
