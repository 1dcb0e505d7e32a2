import { describePayoutFailure } from "@/lib/payouts/failures";

/** Why a payout failed and what to do, in words; Stripe's own message and code beneath. */
export function PayoutFailure({ code, message }: { code: string | null; message: string | null }) {
  const words = describePayoutFailure(code, message);
  return (
    <div role="alert" data-testid="payout-failure" className="mb-4 space-y-1 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900">
      <p className="font-medium">This payout failed. {words.what}</p>
      <p>{words.next} Stripe returns the money to your balance.</p>
      {words.stripeMessage || words.code ? (
        <p className="text-xs text-red-800">
          Stripe says: {words.stripeMessage ?? "no message"}
          {words.code ? <span className="font-mono"> ({words.code})</span> : null}
        </p>
      ) : null}
    </div>
  );
}
