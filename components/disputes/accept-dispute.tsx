"use client";

import { useState } from "react";
import { dangerButton, ResultMessage, secondaryButton, useMoneyAction, type MoneyAction } from "@/components/payments/action-form";

/**
 * Admin only: closes a chargeback as lost, or an inquiry unanswered (no money has been taken for an
 * inquiry), after a confirmation that says which.
 */
export function AcceptDispute({ disputeId, amountShown, accept, inquiry = false }: { disputeId: string; amountShown: string; accept: MoneyAction; inquiry?: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const { run, result, pending } = useMoneyAction(accept, () => setConfirming(false));
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="text-sm font-semibold">{inquiry ? "Close the inquiry" : "Accept the dispute"}</h2>
      <p className="mt-0.5 text-sm text-slate-600">
        {inquiry
          ? `Closes the bank's inquiry without an answer. No money has been taken; the customer's bank may still open a chargeback for ${amountShown}.`
          : `Stops the dispute. You lose ${amountShown} and the dispute fee.`}
      </p>
      {confirming ? (
        <div role="alertdialog" aria-label="Confirm accepting the dispute" className="mt-3 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          <p>{inquiry ? "Closing is final: the inquiry cannot be answered any more." : "Accepting is final: the dispute closes as lost and cannot be answered any more."}</p>
          <div className="mt-2 flex gap-2">
            <button type="button" disabled={pending} className={dangerButton} onClick={() => run({ disputeId, confirm: "accept" })}>
              {pending ? "Accepting…" : inquiry ? "Yes, close the inquiry unanswered" : "Yes, accept and lose the dispute"}
            </button>
            <button type="button" className={secondaryButton} onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className={`${secondaryButton} mt-3`} onClick={() => setConfirming(true)}>
          {inquiry ? "Close inquiry…" : "Accept dispute…"}
        </button>
      )}
      <div className="mt-2">
        <ResultMessage result={result} />
      </div>
    </div>
  );
}
