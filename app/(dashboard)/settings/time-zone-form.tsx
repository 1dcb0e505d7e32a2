"use client";

import { useActionState } from "react";
import { SettingResult, settingButton, settingSelect } from "./setting-form-parts";
import { updateTimeZone, type TimeZoneFormState } from "./time-zone-actions";

export function TimeZoneForm({ current, zones }: { current: string; zones: string[] }) {
  const [state, action, pending] = useActionState<TimeZoneFormState | null, FormData>(updateTimeZone, null);
  return (
    <form action={action} className="flex flex-wrap items-end gap-3 px-4 py-3">
      <label className="text-sm text-slate-700">
        The merchant&apos;s time zone, for everyone who has not chosen their own
        <select name="timeZone" defaultValue={current} className={settingSelect}>
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={pending} className={settingButton}>
        {pending ? "Saving…" : "Save time zone"}
      </button>
      <SettingResult state={state} />
    </form>
  );
}
