"use client";

import { useState } from "react";
import { dangerButton, ResultMessage, secondaryButton, useMoneyAction, type MoneyAction } from "@/components/payments/action-form";

/** Withdraws a card or payment link that is still open, once staff confirm. */
export function WithdrawLinkButton({
  customerId,
  linkId,
  purpose,
  label,
  withdraw,
}: {
  customerId: string;
  linkId: string;
  purpose: "setup_card" | "payment";
  /** "card link sent 27 Nov 2026, 10:04 GMT", for the screen reader name and the question. */
  label: string;
  withdraw: MoneyAction;
}) {
  const [confirming, setConfirming] = useState(false);
  const { run, result, pending } = useMoneyAction(withdraw, () => setConfirming(false));
  return (
    <span className="ml-2 inline-flex flex-wrap items-center gap-2">
      {confirming ? (
        <>
          <span className="text-slate-700">Withdraw the {label}? The customer will no longer be able to open it.{purpose === "payment" ? " The payment is canceled too." : ""}</span>
          <button type="button" disabled={pending} className={dangerButton} onClick={() => run({ customerId, linkId, purpose })}>
            {pending ? "Withdrawing…" : "Withdraw link"}
          </button>
          <button type="button" disabled={pending} className={secondaryButton} onClick={() => setConfirming(false)}>
            Keep
          </button>
        </>
      ) : (
        <button type="button" disabled={pending} className={secondaryButton} onClick={() => setConfirming(true)} aria-label={`Withdraw the ${label}`}>
          Withdraw
        </button>
      )}
      {!result?.ok ? <ResultMessage result={result} /> : null}
    </span>
  );
}
