// Control requests to the local Stripe emulator (faults, clock, webhook settings), for the test
// harnesses: form-encoded like the API, with the emulator's secret key; a refusal throws with its answer.
import { generateKeys, type AccountKeys } from "@/emulator/core/keys";

export type EmulatorControl = (method: "POST" | "DELETE" | "GET", path: string, form?: Record<string, string>) => Promise<unknown>;

/**
 * The keys every emulator a test starts answers to, and the ones the app's configuration names.
 * vitest.config.mts generates them once per run into the environment; a script outside vitest gets
 * new ones here, written to its environment so that the app's configuration agrees.
 */
export function testEmulatorKeys(): AccountKeys {
  const secret = process.env.STRIPE_EMULATOR_SECRET_KEY;
  const publishable = process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY;
  if (secret?.startsWith("sk_test_") && publishable?.startsWith("pk_test_")) return { secret, publishable, restricted: [] };
  const keys = generateKeys("test");
  process.env.STRIPE_EMULATOR_SECRET_KEY = keys.secret;
  process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY = keys.publishable;
  return keys;
}

export async function controlEmulator(baseUrl: string, ...[method, path, form]: Parameters<EmulatorControl>): Promise<unknown> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${testEmulatorKeys().secret}`, "Content-Type": "application/x-www-form-urlencoded" },
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new Error(`emulator ${method} ${path} → ${response.status}: ${JSON.stringify(body)}`);
  return body;
}
