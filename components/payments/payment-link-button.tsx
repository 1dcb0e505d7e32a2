"use client";

import { IssuedLink, ResultMessage, secondaryButton, useMoneyAction, type MoneyAction } from "./action-form";

/** For a payment the bank wants the customer to authenticate: a single-use link to /pay/<token>. */
export function PaymentLinkButton({ paymentIntentId, send }: { paymentIntentId: string; send: MoneyAction }) {
  const { run, result, pending } = useMoneyAction(send);
  return (
    <div>
      <button type="button" disabled={pending} className={secondaryButton} onClick={() => run({ paymentIntentId })}>
        {pending ? "Creating link…" : "Send payment link"}
      </button>
      {result?.ok && result.link ? <IssuedLink path={result.link} /> : <div className="mt-2"><ResultMessage result={result} /></div>}
    </div>
  );
}
