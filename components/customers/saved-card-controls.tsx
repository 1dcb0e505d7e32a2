"use client";

import { useState } from "react";
import { dangerButton, ResultMessage, secondaryButton, useMoneyAction, type MoneyAction } from "@/components/payments/action-form";

export function SavedCardControls({
  customerId,
  paymentMethodId,
  label,
  isDefault,
  makeDefault,
  detach,
}: {
  customerId: string;
  paymentMethodId: string;
  label: string;
  isDefault: boolean;
  makeDefault: MoneyAction;
  detach: MoneyAction;
}) {
  const [confirming, setConfirming] = useState(false);
  const defaultAction = useMoneyAction(makeDefault);
  const detachAction = useMoneyAction(detach, () => setConfirming(false));
  const pending = defaultAction.pending || detachAction.pending;
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      {!isDefault ? (
        <button type="button" disabled={pending} className={secondaryButton} onClick={() => defaultAction.run({ customerId, paymentMethodId })} aria-label={`Make default: ${label}`}>
          Make default
        </button>
      ) : null}
      {confirming ? (
        <>
          <span className="text-sm text-slate-700">Remove {label}? Future charges cannot use it.</span>
          <button type="button" disabled={pending} className={dangerButton} onClick={() => detachAction.run({ customerId, paymentMethodId })}>
            Remove card
          </button>
          <button type="button" className={secondaryButton} onClick={() => setConfirming(false)}>
            Keep
          </button>
        </>
      ) : (
        <button type="button" disabled={pending} className={secondaryButton} onClick={() => setConfirming(true)} aria-label={`Remove ${label}`}>
          Remove
        </button>
      )}
      {!defaultAction.result?.ok ? <ResultMessage result={defaultAction.result} /> : null}
      {!detachAction.result?.ok ? <ResultMessage result={detachAction.result} /> : null}
    </div>
  );
}
