import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKeys, validateKeys } from "../core/keys";
import { startTestEmulator, stripeError, type TestEmulator } from "./helpers";

const client = (emu: TestEmulator, key: string) => new Stripe(key, { host: "127.0.0.1", port: emu.port, protocol: "http", maxNetworkRetries: 0 });

describe("keys of a test-mode account", () => {
  const keys = generateKeys("test", [
    { charge: "read", payment_intent: "write", customer: "none" },
    { charge: "write", refund: "write", payment_intent: "write", customer: "write", payment_method: "write" },
  ]);
  const [readOnly, spare] = keys.restricted;
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ keys });
  });
  afterAll(() => emu.close());

  it("refuses a well-formed key it never issued with 401 and the key redacted", async () => {
    const stranger = generateKeys("test").secret;
    const err = await stripeError(() => client(emu, stranger).customers.list());
    expect(err).toMatchObject({ type: "StripeAuthenticationError", statusCode: 401, rawType: "invalid_request_error" });
    expect(err.message).toBe(`Invalid API Key provided: sk_test_${"*".repeat(stranger.length - 12)}${stranger.slice(-4)}`);
    expect(err.message).not.toContain(stranger.slice(8, -4));
  });

  it("refuses the fixed keys earlier versions accepted, and malformed ones", async () => {
    for (const key of ["sk_test_ledgerline_emulator", "sk_test_emulator", "not-a-key", `sk_live_${keys.secret.slice(8)}`]) {
      const res = await emu.control("GET", "/v1/balance", {}, key);
      expect(res.status, key).toBe(401);
      expect(res.body.error.type).toBe("invalid_request_error");
    }
  });

  it("answers 403 to a publishable key on an endpoint that needs a secret key", async () => {
    const err = await stripeError(() => client(emu, keys.publishable).customers.list());
    expect(err).toMatchObject({ type: "StripePermissionError", statusCode: 403, rawType: "invalid_request_error" });
    expect(err.message).toMatch(/^This API call cannot be made with a publishable API key\. Please use a secret API key\./);
  });

  it("lets a restricted key do what its permissions allow, write implying read", async () => {
    const rk = client(emu, spare!.key);
    const pi = await rk.paymentIntents.create({ amount: 2500, currency: "usd", payment_method: "pm_card_visa", confirm: true });
    expect((await rk.charges.retrieve(String(pi.latest_charge))).amount).toBe(2500);
    expect((await rk.refunds.create({ payment_intent: pi.id, amount: 500 })).status).toBe("succeeded");
    expect((await client(emu, readOnly!.key).charges.list({ limit: 1 })).data).toHaveLength(1);
  });

  it("answers Stripe's permission error to a call outside the map, naming the permission, and changes nothing", async () => {
    const rk = client(emu, readOnly!.key);
    const before = await emu.stripe.refunds.list({ limit: 100 });
    const pi = await emu.stripe.paymentIntents.create({ amount: 1000, currency: "usd", payment_method: "pm_card_visa", confirm: true });
    const refused = await stripeError(() => rk.refunds.create({ payment_intent: pi.id }, { idempotencyKey: "rk-refund-1" }));
    expect(refused).toMatchObject({ type: "StripePermissionError", statusCode: 403, rawType: "invalid_request_error" });
    expect(refused.message).toMatch(
      new RegExp(`^The provided key 'rk_test_\\*+${readOnly!.key.slice(-6)}' does not have the required permissions for this endpoint on account 'acct_\\w+'\\. Having the 'rak_refund_write' permission would allow this request to continue\\.$`),
    );
    expect((await emu.stripe.refunds.list({ limit: 100 })).data.length).toBe(before.data.length);
    const none = await stripeError(() => rk.customers.list());
    expect(none.message).toContain("'rak_customer_read'");
    const readNotWrite = await stripeError(() => rk.charges.update(String(pi.latest_charge), { description: "x" }));
    expect(readNotWrite.message).toContain("'rak_charge_write'");
    // The emulator's own controls are not Stripe's: only the secret key reaches them.
    expect((await emu.control("POST", "/_emulator/clock/advance", { seconds: 1 }, readOnly!.key)).status).toBe(403);
  });

  it("answers api_key_expired once a key is rolled, and keeps the other keys working", async () => {
    const revoked = await emu.control("POST", "/_emulator/api_keys/revoke", { key: spare!.key });
    expect(revoked.status).toBe(200);
    const err = await stripeError(() => client(emu, spare!.key).charges.list());
    expect(err).toMatchObject({ type: "StripeAuthenticationError", statusCode: 401, code: "api_key_expired" });
    expect(err.message).toBe(`Expired API Key provided: rk_test_${"*".repeat(spare!.key.length - 14)}${spare!.key.slice(-6)}`);
    expect((await client(emu, readOnly!.key).charges.list({ limit: 1 })).object).toBe("list");
    expect((await emu.control("POST", "/_emulator/api_keys/revoke", { key: "rk_test_unknownunknownunknown" })).status).toBe(400);
  });

  it("marks every object and event as test mode", async () => {
    const customer = await emu.stripe.customers.create({ name: "test mode" });
    expect(customer.livemode).toBe(false);
    const events = await emu.stripe.events.list({ limit: 1 });
    expect(events.data[0]?.livemode).toBe(false);
  });
});

describe("keys of a live-mode account", () => {
  const keys = generateKeys("live");
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ keys });
  });
  afterAll(() => emu.close());

  it("makes every object and event live, and refuses test keys", async () => {
    const live = client(emu, keys.secret);
    const customer = await live.customers.create({ name: "live mode" });
    expect(customer.livemode).toBe(true);
    expect((await live.events.list({ limit: 1 })).data[0]).toMatchObject({ livemode: true, type: "customer.created" });
    expect((await live.balance.retrieve()).livemode).toBe(true);
    const test = await stripeError(() => client(emu, `sk_test_${keys.secret.slice(8)}`).customers.list());
    expect(test.statusCode).toBe(401);
  });

  it("refuses a webhook endpoint that is not https, as live mode delivers only over TLS", async () => {
    const live = client(emu, keys.secret);
    const err = await stripeError(() => live.webhookEndpoints.create({ url: "http://shop.example.com/hooks", enabled_events: ["charge.succeeded"] }));
    expect(err).toMatchObject({ statusCode: 400, param: "url" });
    expect(err.message).toBe('Invalid URL: http://shop.example.com/hooks. URLs in livemode must begin with "https://"');
    const ok = await live.webhookEndpoints.create({ url: "https://shop.example.com/hooks", enabled_events: ["charge.succeeded"] });
    expect(ok.livemode).toBe(true);
    await expect(live.webhookEndpoints.update(ok.id, { url: "http://shop.example.com/hooks" })).rejects.toMatchObject({ param: "url" });
  });
});

describe("key configuration", () => {
  it("refuses keys of two modes, unknown resources and levels, and keys that are not keys", () => {
    const test = generateKeys("test");
    const live = generateKeys("live");
    expect(() => validateKeys({ ...test, publishable: live.publishable })).toThrow(/one mode/);
    expect(() => validateKeys({ ...test, restricted: [{ key: `rk_test_${"a".repeat(20)}`, permissions: { charges: "read" } }] })).toThrow(/unknown resource "charges"/);
    expect(() => validateKeys({ ...test, restricted: [{ key: `rk_test_${"a".repeat(20)}`, permissions: { charge: "admin" } }] })).toThrow(/none, read or write/);
    expect(() => validateKeys({ ...test, secret: "sk_test_short" })).toThrow(/secret key/);
    expect(validateKeys(test).mode).toBe("test");
  });
});
