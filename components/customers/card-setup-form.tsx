"use client";

import { Elements, PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js";
import { useState, type FormEvent } from "react";
import type { Stripe } from "@stripe/stripe-js";
import { loadCustomerStripe } from "@/components/payments/load-stripe";
import { primaryButton } from "@/components/payments/action-form";

export type CardSetupResult = { ok: true; message: string; card: { brand: string | null; last4: string | null } } | { ok: false; error: string };

/** The customer's card form: Stripe's Payment Element on the SetupIntent, then our server asks Stripe. */
export function CardSetupForm({
  clientSecret,
  publishableKey,
  standInScript,
  complete,
}: {
  clientSecret: string;
  publishableKey: string;
  standInScript: string | null;
  complete: () => Promise<CardSetupResult>;
}) {
  // Loaded in the browser only (the stand-in is a <script>); the server render mounts nothing.
  const [stripePromise] = useState<Promise<Stripe | null>>(() =>
    typeof window === "undefined" ? Promise.resolve(null) : loadCustomerStripe(publishableKey, standInScript),
  );
  return (
    <Elements stripe={stripePromise} options={{ clientSecret, appearance: { theme: "stripe" } }}>
      <SaveCard complete={complete} />
    </Elements>
  );
}

function SaveCard({ complete }: { complete: () => Promise<CardSetupResult> }) {
  const stripe = useStripe();
  const elements = useElements();
  const [ready, setReady] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!stripe || !elements || busy) return;
    setBusy(true);
    setError(null);
    try {
      const submitted = await elements.submit();
      if (submitted.error) return setError(submitted.error.message ?? "Check your card details.");
      const result = await stripe.confirmSetup({ elements, redirect: "if_required", confirmParams: { return_url: window.location.href } });
      if (result.error) return setError(result.error.message ?? "Your card could not be saved. Try another card.");
      const outcome = await complete();
      if (outcome.ok) setDone(`${outcome.message}${outcome.card.last4 ? ` (card ending ${outcome.card.last4})` : ""}`);
      else setError(outcome.error);
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <p role="status" data-testid="setup-done" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900">
        {done}
      </p>
    );
  }
  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <PaymentElement onReady={() => setReady(true)} />
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={!stripe || !ready || busy} className={`${primaryButton} w-full`}>
        {busy ? "Saving…" : "Save card"}
      </button>
    </form>
  );
}
