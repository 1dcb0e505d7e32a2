"use client";

import { useActionState } from "react";
import { StepUpDialog } from "@/components/auth/step-up-dialog";
import { SettingResult, settingButton, settingInput, settingSelect } from "./setting-form-parts";
import type { SettingFormState } from "./preference-actions";

export interface ThresholdRow {
  currency: string;
  shown: string;
}

/** A per-currency amount as Settings lists it: "USD: above $1,000.00", "USD refunds above $250.00". */
export function CurrencyAmountList({ rows, between, testId }: { rows: ThresholdRow[]; between: string; testId?: string }) {
  return (
    <ul className="px-4 py-2 text-sm" data-testid={testId}>
      {rows.map((t) => (
        <li key={t.currency}>
          {t.currency.toUpperCase()}{between}{t.shown}
        </li>
      ))}
    </ul>
  );
}

/**
 * Sets one currency's amount of a per-currency setting (the large-amount confirmation, the refunds
 * that need a recent sign-in): the action decides which, the labels say it. A refusal that asks
 * for a recent confirmation opens the dialog beside the form.
 */
export function CurrencyAmountForm({
  rows, pattern, save, amountLabel, buttonLabel,
}: {
  rows: ThresholdRow[];
  pattern: string;
  save: (previous: SettingFormState | null, form: FormData) => Promise<SettingFormState>;
  amountLabel: string;
  buttonLabel: string;
}) {
  const [state, action, pending] = useActionState<SettingFormState | null, FormData>(save, null);
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
        {amountLabel}
        <input name="amount" required autoComplete="off" inputMode="decimal" placeholder={pattern} className={settingInput} />
      </label>
      <button type="submit" disabled={pending} className={settingButton}>
        {pending ? "Saving…" : buttonLabel}
      </button>
      <SettingResult state={state} />
      {state && !state.ok ? <StepUpDialog key={state.message} code={state.code} /> : null}
    </form>
  );
}
