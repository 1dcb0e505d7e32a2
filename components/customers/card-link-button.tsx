"use client";

import { IssuedLink, ResultMessage, secondaryButton, useMoneyAction, type MoneyAction } from "@/components/payments/action-form";

/** Creates a single-use, 7-day card link for the customer and shows it once. */
export function CardLinkButton({ customerId, send }: { customerId: string; send: MoneyAction }) {
  const { run, result, pending } = useMoneyAction(send);
  return (
    <div>
      <button type="button" disabled={pending} className={secondaryButton} onClick={() => run({ customerId })}>
        {pending ? "Creating link…" : "Send card link"}
      </button>
      {result?.ok && result.link ? <IssuedLink path={result.link} /> : <div className="mt-2"><ResultMessage result={result} /></div>}
    </div>
  );
}
