import { readFileSync } from "node:fs";
import path from "node:path";
import type { StripeEventEnvelope } from "@/lib/webhooks/event";
import type { StripeObject } from "@/lib/webhooks/stripe-object";

/**
 * Builders for realistic Stripe events in tests, starting from Stripe's own example objects
 * (emulator/test/fixtures/fixtures3.json) so projectors see every field a real payload has.
 */

const fixtures = JSON.parse(
  readFileSync(path.join(process.cwd(), "emulator/test/fixtures/fixtures3.json"), "utf8"),
) as { resources: Record<string, StripeObject> };

export function exampleObject(type: string, overrides: Record<string, unknown>): StripeObject {
  const base = fixtures.resources[type];
  if (!base) throw new Error(`No example object for ${type}`);
  return { ...structuredClone(base), livemode: false, ...overrides };
}

let counter = 0;
export const T0 = 1_790_000_000;

export function stripeEvent(type: string, created: number, object: StripeObject, id?: string): StripeEventEnvelope {
  counter++;
  return {
    id: id ?? `evt_test_${created}_${counter}_${Math.random().toString(36).slice(2, 8)}`,
    object: "event",
    type,
    created,
    livemode: false,
    api_version: "2026-10-28.endive",
    data: { object: object as StripeEventEnvelope["data"]["object"] },
    request: { id: null, idempotency_key: null },
  };
}
