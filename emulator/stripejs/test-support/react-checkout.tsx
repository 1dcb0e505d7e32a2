import { StrictMode, useState, type FormEvent } from "react";
import { createRoot } from "react-dom/client";
import { loadStripe } from "@stripe/stripe-js";
import { Elements, PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js";

// A card-saving page written the way the app's customer pages are: loadStripe from the main
// entry, <Elements> with a client secret, <PaymentElement>, submit() then confirmSetup().
const params = new URLSearchParams(window.location.search);
const stripePromise = loadStripe(params.get("pk") ?? "");

function SaveCardForm() {
  const stripe = useStripe();
  const elements = useElements();
  const [message, setMessage] = useState("");
  const [ready, setReady] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!stripe || !elements) return;
    const submitted = await elements.submit();
    if (submitted.error) {
      setMessage(submitted.error.message ?? "Check your card details.");
      return;
    }
    const result = await stripe.confirmSetup({ elements, redirect: "if_required", confirmParams: { return_url: window.location.href } });
    (window as unknown as { result: unknown }).result = result;
    setMessage(result.error ? (result.error.message ?? "Failed") : `Saved: ${result.setupIntent.status}`);
  }

  return (
    <form onSubmit={onSubmit}>
      <PaymentElement onReady={() => setReady(true)} />
      <button type="submit" disabled={!stripe || !ready}>
        Save card
      </button>
      <p role="status">{message}</p>
    </form>
  );
}

const root = document.getElementById("root");
if (!root) throw new Error("missing #root");
createRoot(root).render(
  <StrictMode>
    <Elements stripe={stripePromise} options={{ clientSecret: params.get("cs") ?? "", appearance: { theme: "stripe" } }}>
      <SaveCardForm />
    </Elements>
  </StrictMode>,
);
