"use client";

import { useState } from "react";
import { dangerButton, ResultMessage, secondaryButton, useMoneyAction, type MoneyAction } from "@/components/payments/action-form";

/** Admin only: closes the dispute as lost, after a confirmation that says so. */
export function AcceptDispute({ disputeId, amountShown, accept }: { disputeId: string; amountShown: string; accept: MoneyAction }) {
  const [confirming, setConfirming] = useState(false);
  const { run, result, pending } = useMoneyAction(accept, () => setConfirming(false));
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="text-sm font-semibold">Accept the dispute</h2>
      <p className="mt-0.5 text-sm text-slate-600">Stops the dispute. You lose {amountShown} and the dispute fee.</p>
      {confirming ? (
        <div role="alertdialog" aria-label="Confirm accepting the dispute" className="mt-3 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          <p>Accepting is final: the dispute closes as lost and cannot be answered any more.</p>
          <div className="mt-2 flex gap-2">
            <button type="button" disabled={pending} className={dangerButton} onClick={() => run({ disputeId, confirm: "accept" })}>
              {pending ? "Accepting…" : "Yes, accept and lose the dispute"}
            </button>
            <button type="button" className={secondaryButton} onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className={`${secondaryButton} mt-3`} onClick={() => setConfirming(true)}>
          Accept dispute…
        </button>
      )}
      <div className="mt-2">
        <ResultMessage result={result} />
      </div>
    </div>
  );
}
