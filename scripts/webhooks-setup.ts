// npm run webhooks:setup [-- --url https://dashboard.example.com]
// Creates or updates this deployment's Stripe webhook endpoint (APP_URL + /api/webhooks/stripe) with
// exactly the events the app projects, and stores its id and secret in the settings table. The start
// command runs it in emulator mode once the emulator is up.
import { parseArgs } from "node:util";
import { runStripeCommand } from "@/lib/stripe/script-runtime";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { url: { type: "string" } }, strict: true });
  const { appConfig } = await import("@/lib/env");
  const { stripe } = await import("@/lib/stripe/client");
  const { setUpWebhookEndpoint } = await import("@/lib/webhooks/endpoint");

  const config = appConfig();
  const appUrl = values.url ?? process.env.APP_URL ?? config.auth.url ?? "http://127.0.0.1:3000";
  const result = await setUpWebhookEndpoint(stripe(), appUrl, { needSecret: config.stripe.mode === "emulator" });
  const { endpoint } = result;
  console.log(`Webhook endpoint ${endpoint.id} ${result.action}: ${endpoint.url} (${endpoint.enabledEvents.length} event types, API version ${endpoint.apiVersion ?? "the account's default"})`);
  if (endpoint.replacing) {
    console.log(
      `It replaces ${endpoint.replacing.id}, whose API version Stripe cannot change. Both send until the new one has delivered; ` +
        "then the app (or the next run of this command) deletes the old one.",
    );
  }
  if (config.stripe.mode !== "emulator" && endpoint.secret && !config.stripe.webhookSecrets.includes(endpoint.secret)) {
    console.log("Its signing secret is stored in the settings table; you may also add it to STRIPE_WEBHOOK_SECRET.");
  }
  return 0;
}

runStripeCommand(main);
