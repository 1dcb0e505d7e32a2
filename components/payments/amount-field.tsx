"use client";

import type { ReactNode } from "react";
import { errorProps, Field, inputClass, primaryButton, secondaryButton } from "@/components/payments/action-form";
import { formatPattern, numberFormat } from "@/lib/amounts/number-formats";
import type { ActionResult } from "@/lib/audit/result";
import { displayDecimals, formatMoney, parseAmount } from "@/lib/money";

/**
 * The amount input of the charge and refund forms. It reads what is typed with the same function
 * the server uses, in the person's own number format, and says underneath exactly what will be
 * sent ("Charge 1,50 € to Visa •••• 4242") — or why it cannot be read — before anything is sent.
 * The server reads it again; the hidden `numberFormat` lets it refuse if the profile changed since.
 */
export function AmountField({
  id,
  label,
  value,
  onChange,
  currency,
  locale,
  error,
  describe,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  currency: string;
  locale: string;
  error?: string;
  /** The sentence shown for a readable amount, given it formatted: "Charge €1.50 to Visa •••• 4242". */
  describe: (shown: string) => string;
}) {
  const decimals = displayDecimals(currency);
  const pattern = formatPattern(numberFormat(locale), decimals);
  const reading = value.trim() === "" ? null : parseAmount(value, currency, locale);
  return (
    <Field id={id} label={label} error={error} hint={`Written like ${pattern}`}>
      <input
        id={id}
        name="amount"
        inputMode={decimals === 0 ? "numeric" : "decimal"}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required
        autoComplete="off"
        className={inputClass}
        {...errorProps(id, error)}
        aria-describedby={[error ? `${id}-error` : null, `${id}-preview`].filter(Boolean).join(" ")}
      />
      <input type="hidden" name="numberFormat" value={locale} />
      <p id={`${id}-preview`} data-testid="amount-preview" aria-live="polite" className={`mt-1 text-xs ${reading && !reading.ok ? "text-red-700" : "text-slate-700"}`}>
        {reading === null ? "\u00a0" : reading.ok ? describe(formatMoney(reading.amount, currency, locale)) : reading.message}
      </p>
    </Field>
  );
}

/** The amount (minor units) the server asked to confirm, if its answer was that question. */
export function amountToConfirm(result: ActionResult | null): string | null {
  return result && !result.ok && result.code === "needs_amount_confirmation" && result.confirmAmount ? result.confirmAmount : null;
}

/**
 * Shown when the server asks to confirm a large amount: the question repeats the amount as it will
 * be sent. The form submits again with that exact amount as confirmed (the caller keeps it), so an
 * amount changed after the question is asked about again.
 */
export function ConfirmAmount({ result, pending, onCancel, children }: {
  result: ActionResult | null;
  pending: boolean;
  onCancel: () => void;
  children?: ReactNode;
}) {
  if (!amountToConfirm(result) || !result || result.ok) return null;
  return (
    <div role="alert" className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
      <p data-testid="amount-confirmation">{result.error}</p>
      {children}
      <div className="mt-2 flex gap-2">
        <button type="submit" disabled={pending} className={primaryButton}>
          Confirm
        </button>
        <button type="button" className={secondaryButton} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
