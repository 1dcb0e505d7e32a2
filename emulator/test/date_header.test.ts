import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, stripeError, type TestEmulator } from "./helpers";

// Every answer carries HTTP's Date (RFC 9110 §6.6.1) from the emulator's clock, the clock that also
// stamps events' `created`: a client comparing the two must see one clock, wherever it was moved.

const DAY = 86_400;
// Far from the machine's clock, so an answer dated by the machine could not pass.
const START = Math.floor(Date.UTC(2031, 0, 1) / 1000);

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator({ clockStart: START });
});
afterAll(() => emulator.close());

const emulatorNow = async (): Promise<number> => (await emulator.control("GET", "/_emulator/clock")).body.now;
const seconds = (header: string | null | undefined): number => Date.parse(String(header)) / 1000;

describe("the Date header", () => {
  it("names the emulator's second, as the SDK exposes it on lastResponse, and moves with the clock", async () => {
    const before = await emulatorNow();
    const customer = await emulator.stripe.customers.create({ name: "Dated" });
    const after = await emulatorNow();
    const served = seconds(customer.lastResponse.headers.date);
    expect(served).toBeGreaterThanOrEqual(before);
    expect(served).toBeLessThanOrEqual(after);
    expect(customer.created).toBeLessThanOrEqual(served);
    expect(customer.lastResponse.headers.date).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);

    await emulator.advance(200 * DAY);
    const later = await emulator.stripe.customers.retrieve(customer.id);
    expect(seconds(later.lastResponse.headers.date)).toBeGreaterThanOrEqual(before + 200 * DAY);
    const events = await emulator.stripe.events.list({ limit: 1 });
    expect(seconds(events.lastResponse.headers.date)).toBeGreaterThanOrEqual(served + 200 * DAY);
  });

  it("dates errors and control answers too", async () => {
    const now = await emulatorNow();
    const error = await stripeError(() => emulator.stripe.customers.retrieve("cus_missing"));
    expect(error.statusCode).toBe(404);
    expect(seconds((error.headers as Record<string, string>).date)).toBeGreaterThanOrEqual(now);
    const control = await fetch(`${emulator.url}/_emulator/clock`, { headers: { Authorization: `Bearer ${emulator.keys.secret}` } });
    const body = (await control.json()) as { now: number };
    expect(seconds(control.headers.get("date"))).toBeGreaterThanOrEqual(body.now);
    expect(seconds(control.headers.get("date"))).toBeLessThan(body.now + 2);
  });
});
