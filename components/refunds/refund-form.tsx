"use client";

import { useId, useState } from "react";
import { Field, inputClass, primaryButton, secondaryButton, useMoneyAction, type MoneyAction } from "@/components/payments/action-form";
import { AmountField, amountToConfirm, ConfirmAmount } from "@/components/payments/amount-field";
import { FormActions } from "@/components/ui/form-actions";
import { FormCard } from "@/components/ui/form-card";

export interface RefundReasonChoice {
  value: string;
  label: string;
}

/**
 * Refund all or part of what is left. The amount is typed in the person's number format and the
 * currency's own decimals, and shown as it will be sent; the server recomputes what is left and may
 * ask to confirm a large amount, or a refund larger than the available balance.
 */
export function RefundForm({
  paymentIntentId,
  remainingText,
  remainingShown,
  currency,
  locale,
  availableShown,
  reasons,
  refund,
  partialOnly = false,
}: {
  paymentIntentId: string;
  /** What is left, as the person would type it ("20.00", "20,00", "5000"). */
  remainingText: string;
  /** What is left, formatted ("$20.00"). */
  remainingShown: string;
  currency: string;
  /** The person's number format. */
  locale: string;
  availableShown: string | null;
  reasons: RefundReasonChoice[];
  refund: MoneyAction;
  /** The person may refund part of what is left, not all of it (a Support specialist): nothing is prefilled. */
  partialOnly?: boolean;
}) {
  const id = useId();
  const [amount, setAmount] = useState(partialOnly ? "" : remainingText);
  // After a refund the page re-renders with less left: offer the new remainder, keep the message.
  const [shownRemaining, setShownRemaining] = useState(remainingText);
  if (shownRemaining !== remainingText) {
    setShownRemaining(remainingText);
    setAmount(partialOnly ? "" : remainingText);
  }
  const [confirmingBalance, setConfirmingBalance] = useState(false);
  const [confirmingAmount, setConfirmingAmount] = useState<string | null>(null);
  const action = useMoneyAction(refund, (result) => {
    setConfirmingBalance(!result.ok && result.code === "needs_balance_confirmation");
    // A refund confirmed as large may still need the balance confirmation: keep the amount confirmed.
    if (!(result.ok === false && result.code === "needs_balance_confirmation")) setConfirmingAmount(amountToConfirm(result));
  });
  const { submit, result, pending, fieldErrors } = action;
  return (
    <FormCard
      title="Refund"
      description={`${remainingShown} left to refund${availableShown ? ` · available balance ${availableShown}` : ""}${partialOnly ? " · your roles refund part of it, not all" : ""}`}
      onSubmit={(form) =>
        submit(form, { paymentIntentId, confirmOverBalance: confirmingBalance ? "true" : "false", confirmedAmount: confirmingAmount ?? undefined })
      }
    >
      <div className="mt-3 grid gap-4 sm:grid-cols-2">
        <AmountField
          id={`${id}-amount`}
          label={`Amount (${currency.toUpperCase()})`}
          value={amount}
          onChange={(value) => {
            setAmount(value);
            setConfirmingBalance(false);
            setConfirmingAmount(null);
          }}
          currency={currency}
          locale={locale}
          error={fieldErrors.amount?.[0]}
          describe={(shown) => `Refund ${shown}`}
        />
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
      {confirmingAmount && !confirmingBalance ? (
        <ConfirmAmount result={result} pending={pending} onCancel={() => setConfirmingAmount(null)} />
      ) : confirmingBalance && result && !result.ok ? (
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
