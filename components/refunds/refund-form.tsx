"use client";

import { useId, useState } from "react";
import { errorProps, Field, inputClass, primaryButton, secondaryButton, useMoneyAction, type MoneyAction } from "@/components/payments/action-form";
import { FormActions } from "@/components/ui/form-actions";
import { FormCard } from "@/components/ui/form-card";

export interface RefundReasonChoice {
  value: string;
  label: string;
}

/**
 * Refund all or part of what is left. The amount is typed in the currency's own decimals; the
 * server recomputes what is left and may ask to confirm a refund larger than the available balance.
 */
export function RefundForm({
  paymentIntentId,
  remainingText,
  remainingShown,
  currency,
  decimals,
  availableShown,
  reasons,
  refund,
}: {
  paymentIntentId: string;
  /** What is left, as typed ("20.00", "5000"). */
  remainingText: string;
  /** What is left, formatted ("$20.00"). */
  remainingShown: string;
  currency: string;
  decimals: number;
  availableShown: string | null;
  reasons: RefundReasonChoice[];
  refund: MoneyAction;
}) {
  const id = useId();
  const [amount, setAmount] = useState(remainingText);
  // After a refund the page re-renders with less left: offer the new remainder, keep the message.
  const [shownRemaining, setShownRemaining] = useState(remainingText);
  if (shownRemaining !== remainingText) {
    setShownRemaining(remainingText);
    setAmount(remainingText);
  }
  const [confirmingBalance, setConfirmingBalance] = useState(false);
  const action = useMoneyAction(refund, (result) => {
    setConfirmingBalance(!result.ok && result.code === "needs_balance_confirmation");
  });
  const { submit, result, pending, fieldErrors } = action;
  return (
    <FormCard
      title="Refund"
      description={`${remainingShown} left to refund${availableShown ? ` · available balance ${availableShown}` : ""}`}
      onSubmit={(form) => submit(form, { paymentIntentId, confirmOverBalance: confirmingBalance ? "true" : "false" })}
    >
      <div className="mt-3 grid gap-4 sm:grid-cols-2">
        <Field id={`${id}-amount`} label={`Amount (${currency.toUpperCase()})`} error={fieldErrors.amount?.[0]} hint={decimals === 0 ? "Whole units, no decimals" : `Up to ${decimals} decimals`}>
          <input
            id={`${id}-amount`}
            name="amount"
            inputMode={decimals === 0 ? "numeric" : "decimal"}
            value={amount}
            onChange={(e) => {
              setAmount(e.target.value);
              setConfirmingBalance(false);
            }}
            required
            autoComplete="off"
            className={inputClass}
            {...errorProps(`${id}-amount`, fieldErrors.amount?.[0])}
          />
        </Field>
        <Field id={`${id}-reason`} label="Reason" error={fieldErrors.reason?.[0]}>
          <select id={`${id}-reason`} name="reason" defaultValue={reasons[0]?.value} className={inputClass}>
            {reasons.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {confirmingBalance && result && !result.ok ? (
        <div role="alert" className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          <p>{result.error}</p>
          <div className="mt-2 flex gap-2">
            <button type="submit" disabled={pending} className={primaryButton}>
              Refund anyway
            </button>
            <button type="button" className={secondaryButton} onClick={() => setConfirmingBalance(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <FormActions label="Refund" pendingLabel="Refunding…" pending={pending} result={result} />
      )}
    </FormCard>
  );
}
