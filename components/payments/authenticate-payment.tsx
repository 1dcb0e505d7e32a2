"use client";

import { useState } from "react";
import { primaryButton } from "./action-form";
import { loadCustomerStripe } from "./load-stripe";

export type PaymentLinkResult = { ok: true; message: string } | { ok: false; error: string };

/**
 * The customer approves the payment their bank asked about: the same PaymentIntent is confirmed
 * on-session with the saved card, Stripe.js runs 3-D Secure, then our server asks Stripe the result.
 */
export function AuthenticatePayment({
  clientSecret,
  paymentMethodId,
  publishableKey,
  standInScript,
  label,
  complete,
}: {
  clientSecret: string;
  paymentMethodId: string;
  publishableKey: string;
  standInScript: string | null;
  label: string;
  complete: () => Promise<PaymentLinkResult>;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function pay() {
    setBusy(true);
    setError(null);
    try {
      const stripe = await loadCustomerStripe(publishableKey, standInScript);
      if (!stripe) return setError("The payment form could not be loaded. Reload the page.");
      const result = await stripe.confirmCardPayment(clientSecret, { payment_method: paymentMethodId });
      if (result.error) return setError(result.error.message ?? "The payment was not approved.");
      const outcome = await complete();
      if (outcome.ok) setDone(outcome.message);
      else setError(outcome.error);
    } catch {
      setError("Something went wrong. Reload the page and try again.");
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <p role="status" data-testid="payment-done" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900">
        {done}
      </p>
    );
  }
  return (
    <div className="space-y-3">
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <button type="button" disabled={busy} onClick={() => void pay()} className={`${primaryButton} w-full`}>
        {busy ? "Waiting for your bank…" : label}
      </button>
    </div>
  );
}
