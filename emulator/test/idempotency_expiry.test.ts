// Stripe keeps an idempotency key for at least 24 hours and then may prune it; a key reused after
// that is a new request (docs.stripe.com/idempotency). The emulator prunes at 24 hours on its own
// clock, so a test can stand a day later by advancing the clock.
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "./helpers";

let emu: TestEmulator;
let stripe: Stripe;
beforeAll(async () => {
  emu = await startTestEmulator();
  stripe = emu.stripe;
});
afterAll(() => emu.close());

const HOUR = 60 * 60;

describe("idempotency keys on the emulator's clock", () => {
  it("replay for 24 hours of the clock, then the same key makes a new object", async () => {
    const params = { amount: 1200, currency: "usd", payment_method: "pm_card_visa", confirm: true, metadata: { order: "expiry" } };
    const first = await stripe.paymentIntents.create(params, { idempotencyKey: "key-expiry" });

    await emu.advance(23 * HOUR + 59 * 60);
    const replayed = await stripe.paymentIntents.create(params, { idempotencyKey: "key-expiry" });
    expect(replayed.id).toBe(first.id);
    expect(replayed.lastResponse.headers["idempotent-replayed"]).toBe("true");

    await emu.advance(2 * 60);
    const again = await stripe.paymentIntents.create(params, { idempotencyKey: "key-expiry" });
    expect(again.id).not.toBe(first.id);
    expect(again.lastResponse.headers["idempotent-replayed"]).toBeUndefined();
    const intents = (await stripe.paymentIntents.list({ limit: 100 })).data.filter((p) => p.metadata.order === "expiry");
    expect(intents.map((p) => p.id).sort()).toEqual([first.id, again.id].sort());
  });

  it("after expiry the key may carry other parameters, as a new request would", async () => {
    await stripe.customers.create({ email: "before@example.com" }, { idempotencyKey: "key-reuse" });
    await emu.advance(25 * HOUR);
    const other = await stripe.customers.create({ email: "after@example.com" }, { idempotencyKey: "key-reuse" });
    expect(other.email).toBe("after@example.com");
  });
});
