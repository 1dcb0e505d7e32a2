/**
 * Which Stripe the app talks to. Decided by the secret key alone so that nothing but the
 * environment tells a demo from a live deployment.
 */
export type StripeMode = "emulator" | "test" | "live";

export const STRIPE_MODES: readonly StripeMode[] = ["emulator", "test", "live"];

const SECRET_KEY = /^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/;
const PUBLISHABLE_KEY = /^pk_(test|live)_[A-Za-z0-9_]+$/;

/** Mode of a secret (`sk_`) or restricted (`rk_`) key; `null` when it is not one. */
export function modeOfSecretKey(key: string): "test" | "live" | null {
  const match = SECRET_KEY.exec(key);
  return match ? (match[2] as "test" | "live") : null;
}

/** Mode of a publishable key; `null` when it is not one. */
export function modeOfPublishableKey(key: string): "test" | "live" | null {
  const match = PUBLISHABLE_KEY.exec(key);
  return match ? (match[1] as "test" | "live") : null;
}

/** How the shell badge names each mode; live is shouted on purpose. */
export const STRIPE_MODE_LABEL: Record<StripeMode, string> = {
  emulator: "Emulator",
  test: "Test",
  live: "LIVE",
};
