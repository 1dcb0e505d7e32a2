// The pieces the settings forms share, so they cannot drift apart.

export const settingSelect =
  "mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30";

export const settingInput = `${settingSelect} w-36`;

export const settingButton =
  "rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white outline-none hover:bg-indigo-500 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2 disabled:opacity-60";

export function SettingResult({ state }: { state: { ok: boolean; message: string } | null }) {
  if (!state) return null;
  return (
    <p role={state.ok ? "status" : "alert"} className={`w-full text-sm ${state.ok ? "text-emerald-800" : "text-red-800"}`}>
      {state.message}
    </p>
  );
}
