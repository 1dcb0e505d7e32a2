"use client";

import { useActionState } from "react";
import { updateTimeZone, type TimeZoneFormState } from "./time-zone-actions";

export function TimeZoneForm({ current, zones }: { current: string; zones: string[] }) {
  const [state, action, pending] = useActionState<TimeZoneFormState | null, FormData>(updateTimeZone, null);
  return (
    <form action={action} className="flex flex-wrap items-end gap-3 px-4 py-3">
      <label className="text-sm text-slate-700">
        Time zone for dates and daily figures
        <select name="timeZone" defaultValue={current} className="mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30">
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={pending} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white outline-none hover:bg-indigo-500 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2 disabled:opacity-60">
        {pending ? "Saving…" : "Save time zone"}
      </button>
      {state ? (
        <p role={state.ok ? "status" : "alert"} className={`w-full text-sm ${state.ok ? "text-emerald-800" : "text-red-800"}`}>
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
