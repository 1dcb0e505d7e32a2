// The live-readiness check against the emulator, one misconfiguration at a time: each must turn
// exactly its own line into an error (or warning) that says what is wrong and how to fix it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKeys, type AccountKeys } from "@/emulator/core/keys";
import { startEmulator } from "@/emulator/server";
import { createStripeClient, STRIPE_API_VERSION, type Stripe } from "@/lib/stripe/client";
import { REQUIRED_PERMISSIONS } from "@/lib/stripe/permissions";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/projectors";
import { runReadinessCheck, type CheckLine, type ReadinessFacts } from "./checks";

const APP_URL = "https://dashboard.example.com";
const WEBHOOK_URL = `${APP_URL}/api/webhooks/stripe`;

async function account(mode: "test" | "live", restricted = [{ ...REQUIRED_PERMISSIONS, refund: "read" as const }, { ...REQUIRED_PERMISSIONS }]) {
  const keys = generateKeys(mode, restricted);
  const emulator = await startEmulator({ port: 0, dataDir: null, keys });
  const client = (key: string) => createStripeClient({ mode: "emulator", secretKey: key, emulatorUrl: emulator.url });
  return { keys, emulator, client, admin: client(keys.secret) };
}

function factsFor(keys: AccountKeys, changes: Partial<ReadinessFacts> = {}): ReadinessFacts {
  return {
    mode: keys.secret.includes("_live_") ? "live" : "test",
    secretKey: keys.secret,
    publishableKey: keys.publishable,
    appUrl: APP_URL,
    webhookUrl: WEBHOOK_URL,
    neededEvents: WEBHOOK_EVENT_TYPES,
    pinnedVersion: STRIPE_API_VERSION,
    signingSecrets: 1,
    lastEventAt: new Date("2026-12-01T10:00:00Z"),
    demo: { staff: 0, testModeEvents: 0 },
    ...changes,
  };
}

const byCheck = (lines: CheckLine[]) => Object.fromEntries(lines.map((l) => [l.check, l]));
const problems = (lines: CheckLine[]) => lines.filter((l) => l.status !== "ok").map((l) => l.check);

describe("the live-readiness check", () => {
  let test: Awaited<ReturnType<typeof account>>;
  let endpoint: Stripe.WebhookEndpoint;
  const run = (secret: string, changes: Partial<ReadinessFacts> = {}, publishable = test.keys.publishable) =>
    runReadinessCheck({ server: test.client(secret), publishable: test.client(publishable) }, factsFor(test.keys, { secretKey: secret, publishableKey: publishable, ...changes }));

  beforeAll(async () => {
    test = await account("test");
    endpoint = await test.admin.webhookEndpoints.create({
      url: WEBHOOK_URL,
      enabled_events: [...WEBHOOK_EVENT_TYPES] as Stripe.WebhookEndpointCreateParams.EnabledEvent[],
      api_version: STRIPE_API_VERSION,
    });
    await test.admin.setupIntents.create({});
  });
  afterAll(() => test.emulator.close());

  it("passes every line for a restricted key with the documented permissions and a pinned endpoint", async () => {
    const lines = await run(test.keys.restricted[1]!.key);
    expect(lines.filter((l) => l.status !== "ok")).toEqual([]);
    expect(byCheck(lines).secret_key!.message).toBe("Restricted key accepted, test mode.");
    expect(byCheck(lines).publishable_key!.message).toBe("Publishable key of the same account and mode.");
  });

  it("names each permission a restricted key lacks", async () => {
    const lines = await run(test.keys.restricted[0]!.key);
    expect(problems(lines)).toEqual(["permissions"]);
    expect(byCheck(lines).permissions!.message).toBe(
      "The restricted key lacks refund write. Grant it to the key in Stripe's Dashboard (Developers → API keys → the key → Edit).",
    );
  });

  it("confirms the publishable key with the newest PaymentIntent when no SetupIntent exists", async () => {
    const other = await account("test", []);
    try {
      const run2 = (publishable: string) =>
        runReadinessCheck({ server: other.admin, publishable: other.client(publishable) }, factsFor(other.keys, { publishableKey: publishable }));
      expect(byCheck(await run2(other.keys.publishable)).publishable_key).toMatchObject({ status: "warning", message: expect.stringMatching(/^Cannot tell yet/) });
      await other.admin.paymentIntents.create({ amount: 1000, currency: "usd" });
      expect(byCheck(await run2(other.keys.publishable)).publishable_key).toMatchObject({ status: "ok" });
      expect(byCheck(await run2(generateKeys("test").publishable)).publishable_key).toMatchObject({ status: "error" });
    } finally {
      await other.emulator.close();
    }
  });

  it("reports an unknown publishable key, and one of the other mode", async () => {
    const unknown = await run(test.keys.secret, {}, generateKeys("test").publishable);
    expect(problems(unknown)).toEqual(["publishable_key"]);
    expect(byCheck(unknown).publishable_key!.message).toMatch(/^Stripe does not accept NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY \(unknown or rolled\)\. Copy the current publishable key/);
    const live = await run(test.keys.secret, {}, generateKeys("live").publishable);
    expect(byCheck(live).publishable_key).toMatchObject({ status: "error", message: expect.stringMatching(/^NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY is a live key but the secret key is a test key\./) });
  });

  it("finds the endpoint's faults: wrong events, unpinned version, disabled, missing", async () => {
    await test.admin.webhookEndpoints.update(endpoint.id, { enabled_events: ["charge.succeeded", "invoice.paid"] });
    const events = byCheck(await run(test.keys.secret)).endpoint_events!;
    expect(events.status).toBe("error");
    expect(events.message).toContain("not used by the app: invoice.paid");
    expect(events.message).toContain("missing charge.failed");
    expect(events.message).toMatch(/Run `npm run webhooks:setup` to set exactly the needed ones\.$/);

    await test.admin.webhookEndpoints.update(endpoint.id, { disabled: true });
    expect(byCheck(await run(test.keys.secret)).endpoint!.message).toMatch(/is disabled, so no event arrives\. Enable it/);

    const unpinned = await test.admin.webhookEndpoints.create({ url: "https://other.example.com/api/webhooks/stripe", enabled_events: [...WEBHOOK_EVENT_TYPES] as Stripe.WebhookEndpointCreateParams.EnabledEvent[] });
    const version = byCheck(await run(test.keys.secret, { appUrl: "https://other.example.com", webhookUrl: unpinned.url })).endpoint_version!;
    expect(version).toMatchObject({ status: "error" });
    expect(version.message).toMatch(new RegExp(`^The endpoint renders events in the account's default version, not ${STRIPE_API_VERSION}`));

    const none = byCheck(await run(test.keys.secret, { webhookUrl: "https://nowhere.example.com/api/webhooks/stripe" })).endpoint!;
    expect(none.message).toBe("No webhook endpoint sends to https://nowhere.example.com/api/webhooks/stripe. Run `npm run webhooks:setup` (or add it in the Dashboard with the events the README lists).");
  });

  it("reports a missing signing secret and an account that never sent an event", async () => {
    const lines = byCheck(await run(test.keys.secret, { signingSecrets: 0, lastEventAt: null }));
    expect(lines.signing_secret).toMatchObject({ status: "error", message: expect.stringMatching(/^No webhook signing secret is configured/) });
    expect(lines.last_event).toMatchObject({ status: "warning", message: expect.stringMatching(/^No event has arrived yet\./) });
  });

  it("reports a rolled secret key and stops before probing what it cannot", async () => {
    const rolled = test.keys.restricted[1]!.key;
    await fetch(`${test.emulator.url}/_emulator/api_keys/revoke`, {
      method: "POST",
      headers: { Authorization: `Bearer ${test.keys.secret}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ key: rolled }).toString(),
    });
    const lines = await run(rolled);
    expect(byCheck(lines).secret_key!.message).toBe(
      "STRIPE_SECRET_KEY is refused: it has expired or was rolled. Copy the current restricted key from Stripe's Dashboard (Developers → API keys) into STRIPE_SECRET_KEY and restart.",
    );
    expect(lines.map((l) => l.check)).not.toContain("permissions");
  });
});

describe("the live-readiness check on live keys", () => {
  let live: Awaited<ReturnType<typeof account>>;
  beforeAll(async () => {
    live = await account("live", []);
  });
  afterAll(() => live.emulator.close());

  it("refuses an http address and demo data, and suggests a restricted key", async () => {
    const facts = factsFor(live.keys, { appUrl: "http://dashboard.example.com", webhookUrl: "http://dashboard.example.com/api/webhooks/stripe", demo: { staff: 3, testModeEvents: 120 } });
    const lines = byCheck(await runReadinessCheck({ server: live.admin, publishable: live.client(live.keys.publishable) }, facts));
    expect(lines.secret_key!.message).toBe("Secret key accepted, live mode.");
    expect(lines.url).toMatchObject({ status: "error", message: expect.stringMatching(/^Live keys with an http address \(http:\/\/dashboard\.example\.com\): Stripe delivers live events only over https/) });
    expect(lines.demo_data).toMatchObject({
      status: "error",
      message: "Live keys on a database holding 3 demo staff accounts with published passwords and 120 test-mode events. Start live on a new, empty database (DATABASE_URL) and create staff with `npm run user:create`.",
    });
    expect(lines.permissions).toMatchObject({ status: "warning", message: expect.stringMatching(/^A full secret key can do anything/) });
  });
});
