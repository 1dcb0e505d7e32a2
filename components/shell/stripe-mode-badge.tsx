import { STRIPE_MODE_LABEL, type StripeMode } from "@/lib/stripe/mode";

const STYLE: Record<StripeMode, string> = {
  emulator: "bg-slate-100 text-slate-700 ring-slate-300",
  test: "bg-amber-100 text-amber-900 ring-amber-300",
  live: "bg-red-600 text-white ring-red-700",
};

const EXPLANATION: Record<StripeMode, string> = {
  emulator: "Talking to the local Stripe emulator: nothing here reaches Stripe.",
  test: "Talking to Stripe in test mode: no real money moves.",
  live: "Talking to live Stripe: actions move real money.",
};

/** Which Stripe the app talks to, on every page, so nobody refunds live money by mistake. */
export function StripeModeBadge({ mode }: { mode: StripeMode }) {
  return (
    <span
      data-testid="stripe-mode"
      title={EXPLANATION[mode]}
      className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${STYLE[mode]}`}
    >
      <span aria-hidden className={`size-1.5 rounded-full ${mode === "live" ? "bg-white" : "bg-current"}`} />
      <span className="sr-only">Stripe mode: </span>
      {STRIPE_MODE_LABEL[mode]}
    </span>
  );
}

export function stripeModeExplanation(mode: StripeMode): string {
  return EXPLANATION[mode];
}
