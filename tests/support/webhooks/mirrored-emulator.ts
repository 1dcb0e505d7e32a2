// An emulator whose signed webhooks reach this process's receiver and database, as in production:
// for tests of what the mirror makes of Stripe's own behaviour (captures, balance transactions).
import { afterAll, beforeAll } from "vitest";
import { testEmulatorKeys } from "@/tests/support/emulator-control";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { createStripeClient, setStripeClient, type Stripe } from "@/lib/stripe/client";
import { controlEmulator } from "@/tests/support/emulator-control";
import { setUpWebhookEndpoint } from "@/lib/webhooks/endpoint";
import { stripeRecordDependencies } from "@/lib/webhooks/stripe-facts";
import { startWebhookReceiver } from "./receiver";

export interface MirroredEmulator {
  readonly stripe: Stripe;
  readonly emulator: RunningEmulator;
  control(method: "POST" | "GET" | "DELETE", path: string, form?: Record<string, string>): Promise<unknown>;
  /** Moves the emulator's clock on and runs what fell due. */
  advance(seconds: number): Promise<void>;
  /** The emulator's clock, in unix seconds. */
  now(): Promise<number>;
}

/** `clockStart`: unix seconds the emulator's clock starts at (default: the machine's now). */
export function useMirroredEmulator(options: { clockStart?: number } = {}): MirroredEmulator {
  let emulator: RunningEmulator | null = null;
  let client: Stripe | null = null;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>> | null = null;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, dataDir: null, webhookRetrySchedule: [100, 200, 400], keys: testEmulatorKeys(), clockStart: options.clockStart });
    client = createStripeClient({ mode: "emulator", secretKey: emulator.keys.secret, emulatorUrl: emulator.url });
    setStripeClient(client);
    receiver = await startWebhookReceiver(() => ({ environmentSecrets: [], dependencies: stripeRecordDependencies() }));
    await setUpWebhookEndpoint(client, receiver.url, { needSecret: true });
  });
  afterAll(async () => {
    await receiver?.close();
    await emulator?.close();
    setStripeClient(null);
  });
  const need = <T,>(value: T | null): T => {
    if (!value) throw new Error("only inside tests");
    return value;
  };
  const control: MirroredEmulator["control"] = (method, path, form) => controlEmulator(need(emulator).url, method, path, form);
  return {
    get stripe() {
      return need(client);
    },
    get emulator() {
      return need(emulator);
    },
    control,
    advance: async (seconds) => {
      await control("POST", "/_emulator/clock/advance", { seconds: String(seconds) });
    },
    now: async () => ((await control("GET", "/_emulator/clock")) as { now: number }).now,
  };
}

/** Polls until `probe` gives a value, or fails after `timeoutMs`. */
export async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 8_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
