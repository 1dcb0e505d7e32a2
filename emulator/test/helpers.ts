import Stripe from "stripe";
import { generateKeys } from "../core/keys";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../server";

/** New keys for every test run, as the emulator accepts only the keys it was started with. */
export const TEST_KEYS = generateKeys("test");
export const SECRET_KEY = TEST_KEYS.secret;
export const PUBLISHABLE_KEY = TEST_KEYS.publishable;

// Control and raw responses are read ad hoc in assertions; a typed body would only add casts.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LooseJson = any;

export type TestEmulator = RunningEmulator & {
  stripe: Stripe;
  control(method: "GET" | "POST" | "DELETE", path: string, params?: Record<string, string | number | boolean | number[]>, key?: string): Promise<{ status: number; body: LooseJson }>;
  advance(seconds: number): Promise<void>;
};

export function sdk(port: number, options: Stripe.StripeConfig = {}, key = SECRET_KEY): Stripe {
  return new Stripe(key, { host: "127.0.0.1", port, protocol: "http", maxNetworkRetries: 0, ...options });
}

export async function startTestEmulator(opts: EmulatorOptions = {}): Promise<TestEmulator> {
  const emulator = await startEmulator({ port: 0, dataDir: null, keys: TEST_KEYS, ...opts });
  const control: TestEmulator["control"] = async (method, path, params = {}, key = emulator.keys.secret) => {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      if (Array.isArray(v)) v.forEach((x, i) => form.append(`${k}[${i}]`, String(x)));
      else form.append(k, String(v));
    }
    const query = method === "POST" ? "" : `?${form.toString()}`;
    const res = await fetch(`${emulator.url}${path}${query}`, {
      method,
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: method === "POST" ? form.toString() : undefined,
    });
    return { status: res.status, body: await res.json() };
  };
  return {
    ...emulator,
    stripe: sdk(emulator.port, {}, emulator.keys.secret),
    control,
    async advance(seconds) {
      const res = await control("POST", "/_emulator/clock/advance", { seconds });
      if (res.status !== 200) throw new Error(`advance failed: ${JSON.stringify(res.body)}`);
    },
  };
}

/** Runs `fn`, expecting a Stripe error, and returns it. */
export async function stripeError(fn: () => Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof Stripe.errors.StripeError) return err;
    throw err;
  }
  throw new Error("expected a Stripe error");
}

export async function eventTypes(stripe: Stripe, since = 0): Promise<string[]> {
  const events = await stripe.events.list({ limit: 100, created: { gte: since } });
  return events.data.map((e) => e.type).reverse();
}

export async function paidCustomerPayment(stripe: Stripe, card = "pm_card_visa", amount = 2000) {
  const customer = await stripe.customers.create({ email: "buyer@example.com" });
  const pm = await stripe.paymentMethods.attach(card, { customer: customer.id });
  const pi = await stripe.paymentIntents.create({ amount, currency: "usd", customer: customer.id, payment_method: pm.id, confirm: true, off_session: true });
  return { customer, pm, pi, chargeId: String(pi.latest_charge) };
}
