"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import type { PreferenceChange } from "@/lib/alerts/preferences";

type Cadence = "instant" | "digest";

/** One rule's email choice: on or off, at once or in the day's digest; saved as soon as it changes. */
export function PreferenceRow({
  rule, label, description, email, cadence, byDefault, save,
}: { rule: string; label: string; description: string; email: boolean; cadence: Cadence; byDefault: boolean; save: (input: unknown) => Promise<PreferenceChange> }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [state, setState] = useState({ email, cadence });
  const change = (next: { email: boolean; cadence: Cadence }) => {
    setState(next);
    startTransition(async () => {
      const result = await save({ rule, ...next }).catch((): PreferenceChange => ({ ok: false, error: "The server could not be reached. Try again." }));
      if (result.ok) {
        toast.success(result.message);
        router.refresh();
      } else {
        setState({ email, cadence });
        toast.error(result.error);
      }
    });
  };
  return (
    <li className="flex flex-wrap items-center justify-between gap-4 px-4 py-3" data-testid={`preference-${rule}`}>
      <div className="min-w-0">
        <p className="text-sm font-semibold text-slate-900">{label}</p>
        <p className="text-sm text-slate-600">{description}</p>
        <p className="text-xs text-slate-500">
          You get it in your inbox{state.email ? (state.cadence === "digest" ? " and in a daily email digest" : " and by email at once") : " only"}
          {byDefault ? " (your role's default)." : "."}
        </p>
      </div>
      <div className="flex items-center gap-3">
        <label className="flex items-center gap-1.5 text-sm">
          <input type="checkbox" name="email" checked={state.email} disabled={pending} onChange={(e) => change({ ...state, email: e.target.checked })} /> Email
        </label>
        <select
          aria-label={`When to email “${label}”`}
          value={state.cadence}
          disabled={pending || !state.email}
          onChange={(e) => change({ ...state, cadence: e.target.value === "digest" ? "digest" : "instant" })}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
        >
          <option value="instant">At once</option>
          <option value="digest">Daily digest</option>
        </select>
      </div>
    </li>
  );
}
