import { testEmulatorKeys } from "@/tests/support/emulator-control";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { alertClockNow } from "./alert-clock";

const DAY_S = 24 * 60 * 60;
let ahead: RunningEmulator;
let behind: RunningEmulator;

beforeAll(async () => {
  ahead = await startEmulator({ port: 0, dataDir: null, keys: testEmulatorKeys() });
  // The demo's emulator: its clock starts 60 days back.
  behind = await startEmulator({ port: 0, dataDir: null, keys: testEmulatorKeys(), clockStart: Math.floor(Date.now() / 1000) - 60 * DAY_S });
});

afterAll(async () => {
  await ahead?.close();
  await behind?.close();
});

describe("the alert loop's clock", () => {
  it("follows an emulator whose clock a test moved a day ahead", async () => {
    await fetch(`${ahead.url}/_emulator/clock/advance`, {
      method: "POST",
      headers: { Authorization: `Bearer ${ahead.keys.secret}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: "seconds=" + DAY_S,
    });
    const wall = new Date();
    const now = await alertClockNow({ url: ahead.url, secretKey: ahead.keys.secret }, wall);
    expect(now.getTime() - wall.getTime()).toBeGreaterThan((DAY_S - 60) * 1000);
    expect(now.getTime() - wall.getTime()).toBeLessThan((DAY_S + 60) * 1000);
  });

  it("is the wall clock with an emulator behind it, one that refuses the key, none reachable, or a real Stripe", async () => {
    const wall = new Date();
    expect(await alertClockNow({ url: behind.url, secretKey: behind.keys.secret }, wall)).toBe(wall);
    expect(await alertClockNow({ url: ahead.url, secretKey: "sk_test_not_the_key" }, wall)).toBe(wall);
    expect(await alertClockNow({ url: "http://127.0.0.1:9", secretKey: ahead.keys.secret }, wall)).toBe(wall);
    expect(await alertClockNow(null, wall)).toBe(wall);
  });
});
