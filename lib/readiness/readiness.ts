import "server-only";
import { DEMO_STAFF_EMAILS } from "@/lib/auth/demo-staff";
import { db } from "@/lib/db";
import { appConfig, stripeKeys } from "@/lib/env";
import { createStripeClient, stripe, STRIPE_API_VERSION } from "@/lib/stripe/client";
import { webhookUrlFor } from "@/lib/webhooks/endpoint";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/projectors";
import { webhookSigningSecrets } from "@/lib/webhooks/settings";
import { runReadinessCheck, type CheckLine, type ReadinessFacts } from "./checks";

export type { CheckLine, CheckStatus } from "./checks";

/** This deployment's readiness for Stripe, from its configuration, its database and Stripe itself. */
export async function checkStripeReadiness(options: { appUrl?: string } = {}): Promise<CheckLine[]> {
  const config = appConfig();
  const keys = stripeKeys(config);
  const appUrl = options.appUrl ?? process.env.APP_URL ?? config.auth.url;
  const [signingSecrets, lastEvent, demoStaff, testModeEvents] = await Promise.all([
    webhookSigningSecrets(config.stripe.webhookSecrets),
    db().stripeEvent.findFirst({ orderBy: { receivedAt: "desc" }, select: { receivedAt: true } }),
    db().staffUser.count({ where: { email: { in: DEMO_STAFF_EMAILS }, disabledAt: null } }),
    db().stripeEvent.count({ where: { livemode: false } }),
  ]);
  const facts: ReadinessFacts = {
    mode: config.stripe.mode,
    secretKey: keys.secretKey,
    publishableKey: keys.publishableKey,
    appUrl: appUrl ?? null,
    webhookUrl: appUrl ? webhookUrlFor(appUrl) : null,
    neededEvents: WEBHOOK_EVENT_TYPES,
    pinnedVersion: STRIPE_API_VERSION,
    signingSecrets: signingSecrets.length,
    lastEventAt: lastEvent?.receivedAt ?? null,
    demo: { staff: demoStaff, testModeEvents },
  };
  // Stripe.js's view of the account: the same SDK on the publishable key.
  const publishable = createStripeClient({ mode: config.stripe.mode, secretKey: keys.publishableKey, emulatorUrl: config.stripe.emulatorUrl });
  return runReadinessCheck({ server: stripe(), publishable }, facts);
}
