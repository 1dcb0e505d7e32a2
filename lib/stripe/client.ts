import "server-only";
import Stripe from "stripe";
import { appConfig, stripeKeys } from "@/lib/env";
import { STRIPE_API_VERSION } from "./api-version";

/**
 * The one Stripe client on the server. Every call to Stripe — the real API or the local emulator —
 * goes through this module, so the API version, retries and the emulator switch live in one place.
 */

export { STRIPE_API_VERSION };

export type { Stripe };

export interface StripeClientSettings {
  mode: "emulator" | "test" | "live";
  /** A secret (`sk_`) or restricted (`rk_`) key; the emulator, like Stripe, answers only to its own. */
  secretKey: string;
  emulatorUrl: string;
}

/**
 * Builds a client. Exposed for scripts and tests that talk to an emulator on a port of their own;
 * the app uses `stripe()`.
 */
export function createStripeClient(settings: StripeClientSettings): Stripe {
  const common = {
    apiVersion: STRIPE_API_VERSION,
    // Stripe's retries reuse the request's idempotency key, so two retries are safe for POSTs; more
    // only delays the error a member of staff is waiting for.
    maxNetworkRetries: 2,
    timeout: 30_000,
    appInfo: { name: "Ledgerline" },
  } as const;
  if (settings.mode === "emulator") {
    const url = new URL(settings.emulatorUrl);
    return new Stripe(settings.secretKey, {
      ...common,
      host: url.hostname,
      port: url.port || (url.protocol === "https:" ? 443 : 80),
      protocol: url.protocol === "https:" ? "https" : "http",
    });
  }
  return new Stripe(settings.secretKey, common);
}

const holder = globalThis as typeof globalThis & { __ledgerlineStripe?: Stripe };

/** The process's Stripe client, built from the environment on first use. */
export function stripe(): Stripe {
  if (!holder.__ledgerlineStripe) {
    const all = appConfig();
    const config = all.stripe;
    holder.__ledgerlineStripe = createStripeClient({
      mode: config.mode,
      secretKey: stripeKeys(all).secretKey,
      emulatorUrl: config.emulatorUrl,
    });
  }
  return holder.__ledgerlineStripe;
}

/** Replaces the process's client (tests pointing the app at an emulator on a random port). */
export function setStripeClient(client: Stripe | null): void {
  holder.__ledgerlineStripe = client ?? undefined;
}

/**
 * Signature verification needs no API key or network: a keyless instance keeps webhook code free
 * of configuration (the route verifies before anything else is loaded).
 */
let webhookVerifier: Stripe | undefined;
export function stripeWebhooks(): Stripe["webhooks"] {
  // Verification is local HMAC work: the key is never sent anywhere, so a placeholder will do.
  webhookVerifier ??= new Stripe("sk_test_signature_verification_only", { apiVersion: STRIPE_API_VERSION });
  return webhookVerifier.webhooks;
}
