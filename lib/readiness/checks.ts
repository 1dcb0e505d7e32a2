import type { Stripe } from "@/lib/stripe/client";
import { describeStripeError } from "@/lib/stripe/errors";
import { modeOfPublishableKey, modeOfSecretKey, type StripeMode } from "@/lib/stripe/mode";
import { probePermissions } from "./permission-probes";

/**
 * Whether this deployment is ready for Stripe as it really is, one line per thing to get right.
 * Every line that is not ok says what is wrong and how to fix it. Nothing here writes to Stripe:
 * keys and permissions are probed with reads and with writes Stripe must refuse (see
 * permission-probes.ts), so the check can run as often as an admin likes, in live mode too.
 */

export type CheckStatus = "ok" | "warning" | "error";
export interface CheckLine {
  check: "secret_key" | "publishable_key" | "permissions" | "endpoint" | "endpoint_version" | "endpoint_events" | "signing_secret" | "last_event" | "url" | "demo_data";
  title: string;
  status: CheckStatus;
  message: string;
}

export interface ReadinessFacts {
  mode: StripeMode;
  secretKey: string;
  publishableKey: string;
  /** This deployment's public URL (APP_URL, else NEXTAUTH_URL), or null when neither is set. */
  appUrl: string | null;
  webhookUrl: string | null;
  /** The events the app projects, and the API version the SDK is pinned to. */
  neededEvents: readonly string[];
  pinnedVersion: string;
  signingSecrets: number;
  lastEventAt: Date | null;
  demo: { staff: number; testModeEvents: number };
}

export interface ReadinessClients {
  /** The server's client, on STRIPE_SECRET_KEY. */
  server: Stripe;
  /** A client on the publishable key, as Stripe.js would call. */
  publishable: Stripe;
}

export async function runReadinessCheck(clients: ReadinessClients, facts: ReadinessFacts): Promise<CheckLine[]> {
  const lines: CheckLine[] = [];
  const line = (check: CheckLine["check"], title: string, status: CheckStatus, message: string) => lines.push({ check, title, status, message });
  const live = facts.mode === "live";
  const restricted = facts.secretKey.startsWith("rk_");
  const keyName = facts.mode === "emulator" ? "STRIPE_EMULATOR_SECRET_KEY" : "STRIPE_SECRET_KEY";

  // 1. The secret key, and its mode as Stripe reports it.
  const balance = await clients.server.balance.retrieve().then((b) => ({ ok: true as const, livemode: b.livemode }), (error: unknown) => ({ ok: false as const, error }));
  const refused = !balance.ok ? describeStripeError(balance.error) : null;
  const keyWorks = balance.ok || refused?.code === "permission";
  const keyMode = facts.mode === "emulator" ? "test" : modeOfSecretKey(facts.secretKey);
  if (!keyWorks) {
    const why = refused?.code === "api_key_expired" ? "it has expired or was rolled" : refused?.code === "authentication" ? "Stripe does not know it" : `Stripe could not be asked (${refused?.message ?? "no answer"})`;
    line("secret_key", "Secret key", "error", `${keyName} is refused: ${why}. Copy the current ${restricted ? "restricted" : "secret"} key from Stripe's Dashboard (Developers → API keys) into ${keyName} and restart.`);
  } else if (balance.ok && balance.livemode !== (keyMode === "live")) {
    line("secret_key", "Secret key", "error", `${keyName} looks like a ${keyMode} key but Stripe answered in ${balance.livemode ? "live" : "test"} mode. Use a key whose prefix matches its mode.`);
  } else {
    const kind = restricted ? "Restricted key" : "Secret key";
    const where = facts.mode === "emulator" ? " by the local emulator (not Stripe)" : "";
    line("secret_key", "Secret key", "ok", `${kind} accepted${where}, ${keyMode} mode.`);
  }

  // 2. The publishable key: same mode by its prefix, same account by reading an object of ours with it.
  const pkMode = modeOfPublishableKey(facts.publishableKey);
  if (pkMode !== keyMode) {
    line("publishable_key", "Publishable key", "error", `NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY is a ${pkMode ?? "malformed"} key but the secret key is a ${keyMode} key. Use the publishable key shown beside the secret key in Stripe's Dashboard.`);
  } else if (keyWorks) {
    line("publishable_key", "Publishable key", ...(await samePublishableAccount(clients)));
  }

  // 3. A restricted key's permissions against the documented set; a full secret key has them all.
  if (keyWorks && restricted) {
    const missing = await probePermissions(clients.server);
    if (missing.length === 0) line("permissions", "Restricted key permissions", "ok", "The restricted key holds every permission Ledgerline needs (README, “Restricted keys”).");
    else line("permissions", "Restricted key permissions", "error", `The restricted key lacks ${missing.map((m) => `${m.resource} ${m.level}`).join(", ")}. Grant ${missing.length === 1 ? "it" : "them"} to the key in Stripe's Dashboard (Developers → API keys → the key → Edit).`);
  } else if (keyWorks) {
    line("permissions", "Restricted key permissions", live ? "warning" : "ok", live
      ? "A full secret key can do anything in the account. Consider a restricted key with only the permissions the README lists."
      : "A full secret key: every permission.");
  }

  // 4–6. The webhook endpoint at this deployment's URL.
  if (keyWorks && facts.webhookUrl) await checkEndpoint(clients.server, facts, line);
  else if (!facts.webhookUrl) line("endpoint", "Webhook endpoint", "error", "This deployment's URL is unknown, so its webhook endpoint cannot be found. Set NEXTAUTH_URL (or APP_URL) to the dashboard's public address.");

  if (facts.signingSecrets > 0) line("signing_secret", "Signing secret", "ok", `${facts.signingSecrets} signing secret${facts.signingSecrets === 1 ? "" : "s"} configured.`);
  else line("signing_secret", "Signing secret", "error", "No webhook signing secret is configured, so every event would be refused. Put the endpoint's signing secret (whsec_…, Dashboard → Webhooks → the endpoint) in STRIPE_WEBHOOK_SECRET, or run `npm run webhooks:setup`.");

  if (facts.lastEventAt) line("last_event", "Last event", "ok", `The last event arrived at ${facts.lastEventAt.toISOString()}.`);
  else line("last_event", "Last event", "warning", "No event has arrived yet. Once the endpoint is set up, make a test payment or send a test event from the Dashboard, then run this check again.");

  // 7–8. What must never go live.
  const url = facts.appUrl;
  if (live && (!url || !url.startsWith("https://"))) line("url", "Deployment URL", "error", `Live keys with ${url ? `an http address (${url})` : "no address"}: Stripe delivers live events only over https and sessions would travel in clear. Serve the dashboard over https and set NEXTAUTH_URL to that address.`);
  else line("url", "Deployment URL", "ok", url ? `${url}` : "Not set (local run).");

  const demo = facts.demo.staff > 0 || facts.demo.testModeEvents > 0;
  if (live && demo) {
    const what = [facts.demo.staff > 0 ? `${facts.demo.staff} demo staff account${facts.demo.staff === 1 ? "" : "s"} with published passwords` : "", facts.demo.testModeEvents > 0 ? `${facts.demo.testModeEvents} test-mode events` : ""].filter(Boolean).join(" and ");
    line("demo_data", "Demo data", "error", `Live keys on a database holding ${what}. Start live on a new, empty database (DATABASE_URL) and create staff with \`npm run user:create\`.`);
  } else line("demo_data", "Demo data", "ok", demo ? "Demo data present (fine outside live mode)." : "No demo data.");

  return lines;
}

/**
 * Stripe.js reads an intent with the publishable key and the intent's client secret; an intent made
 * with our secret key is found only if both keys belong to one account and mode. The newest
 * SetupIntent (or PaymentIntent) serves, so nothing is created.
 */
async function samePublishableAccount(clients: ReadinessClients): Promise<[CheckStatus, string]> {
  const setup = (await clients.server.setupIntents.list({ limit: 1 }).catch(() => null))?.data[0];
  const payment = setup ? null : (await clients.server.paymentIntents.list({ limit: 1 }).catch(() => null))?.data[0];
  const intent = setup ?? payment;
  if (!intent?.client_secret) return ["warning", "Cannot tell yet whether the publishable key belongs to this account: it is confirmed once a customer link has been sent or a payment made. Run this check again then."];
  try {
    const params = { client_secret: intent.client_secret };
    if (setup) await clients.publishable.setupIntents.retrieve(intent.id, params);
    else await clients.publishable.paymentIntents.retrieve(intent.id, params);
    return ["ok", "Publishable key of the same account and mode."];
  } catch (error) {
    const described = describeStripeError(error);
    if (described.code === "resource_missing") return ["error", "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY belongs to another Stripe account. Use the publishable key shown beside the secret key in Stripe's Dashboard."];
    if (described.code === "authentication" || described.code === "api_key_expired") return ["error", "Stripe does not accept NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY (unknown or rolled). Copy the current publishable key from Stripe's Dashboard."];
    return ["warning", `Could not check the publishable key: ${described.message}`];
  }
}

async function checkEndpoint(client: Stripe, facts: ReadinessFacts, line: (check: CheckLine["check"], title: string, status: CheckStatus, message: string) => void): Promise<void> {
  let endpoint: Stripe.WebhookEndpoint | null = null;
  try {
    for await (const candidate of client.webhookEndpoints.list({ limit: 100 })) {
      if (candidate.url === facts.webhookUrl) endpoint = candidate;
    }
  } catch (error) {
    line("endpoint", "Webhook endpoint", "error", `Could not list the webhook endpoints: ${describeStripeError(error).message}`);
    return;
  }
  if (!endpoint) {
    line("endpoint", "Webhook endpoint", "error", `No webhook endpoint sends to ${facts.webhookUrl}. Run \`npm run webhooks:setup\` (or add it in the Dashboard with the events the README lists).`);
    return;
  }
  if (endpoint.status !== "enabled") line("endpoint", "Webhook endpoint", "error", `The endpoint ${endpoint.id} at ${facts.webhookUrl} is disabled, so no event arrives. Enable it in the Dashboard (Developers → Webhooks) or run \`npm run webhooks:setup\`.`);
  else line("endpoint", "Webhook endpoint", "ok", `${endpoint.id} sends to ${facts.webhookUrl}.`);

  if (endpoint.api_version === facts.pinnedVersion) line("endpoint_version", "Endpoint API version", "ok", `Events are rendered in ${facts.pinnedVersion}, the version the app is built for.`);
  else line("endpoint_version", "Endpoint API version", "error", `The endpoint renders events in ${endpoint.api_version ?? "the account's default version"}, not ${facts.pinnedVersion} that the app is built for; Stripe cannot change an endpoint's version. Create a new endpoint with api_version ${facts.pinnedVersion} (\`npm run webhooks:setup\`), then delete the old one.`);

  const enabled = new Set(endpoint.enabled_events);
  const missing = facts.neededEvents.filter((t) => !enabled.has(t) && !enabled.has("*"));
  const extra = [...enabled].filter((t) => !facts.neededEvents.includes(t));
  if (missing.length === 0 && extra.length === 0) line("endpoint_events", "Endpoint events", "ok", `Exactly the ${facts.neededEvents.length} event types the app uses.`);
  else {
    const parts = [missing.length ? `missing ${missing.join(", ")}` : "", extra.length ? `not used by the app: ${extra.join(", ")}` : ""].filter(Boolean);
    line("endpoint_events", "Endpoint events", "error", `The endpoint's events differ from what the app needs (${parts.join("; ")}). Run \`npm run webhooks:setup\` to set exactly the needed ones.`);
  }
}
