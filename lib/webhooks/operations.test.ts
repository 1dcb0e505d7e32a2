import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { db } from "@/lib/db";
import { createStripeClient, setStripeClient } from "@/lib/stripe/client";
import { useTestDatabase } from "@/tests/support/db";
import { catchUpNow, replayEvent, setUpEndpointFromApp } from "./operations";
import { recordStripeEvent } from "./record";
import { readStoredEndpoint } from "./settings";
import { T0, stripeEvent } from "@/tests/support/webhooks/events";
import { testEmulatorKeys } from "@/tests/support/emulator-control";

useTestDatabase();

let emulator: RunningEmulator;
let admin: { id: string };

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, dataDir: null, keys: testEmulatorKeys() });
  setStripeClient(createStripeClient({ mode: "emulator", secretKey: emulator.keys.secret, emulatorUrl: emulator.url }));
  admin = await db().staffUser.create({
    data: { email: "ops-admin@ledgerline.test", name: "Ops Admin", roles: ["administrator"], passwordHash: "not-used-here" },
  });
});

afterAll(async () => {
  setStripeClient(null);
  await emulator?.close();
});

describe("admin operations on the event log", () => {
  it("replays a stored event, projecting it again, with an audit row", async () => {
    const stripe = createStripeClient({ mode: "emulator", secretKey: emulator.keys.secret, emulatorUrl: emulator.url });
    const customer = await stripe.customers.create({ email: "a@example.com" });
    const event = stripeEvent("customer.updated", T0, { ...customer }, "evt_replay");
    await recordStripeEvent(event, "webhook");
    // Someone damaged the mirror; the replay puts it back. Its snapshot is of the stored row's
    // second, so what Stripe holds is fetched and stored.
    await db().customer.update({ where: { id: customer.id }, data: { email: "wrong@example.com" } });
    const result = await replayEvent(admin, { eventId: "evt_replay" });
    expect(result).toEqual({ ok: true, message: "Event evt_replay processed again." });
    expect((await db().customer.findUniqueOrThrow({ where: { id: customer.id } })).email).toBe("a@example.com");
    const audit = await db().staffAction.findFirstOrThrow({ where: { kind: "event.replay", objectId: "evt_replay" } });
    expect(audit).toMatchObject({ actorId: admin.id, status: "succeeded" });
  });

  it("refuses a malformed id before touching anything, and records an unknown one as failed", async () => {
    expect(await replayEvent(admin, { eventId: "'; DROP TABLE" })).toEqual({ ok: false, error: "That is not an event id." });
    const missing = await replayEvent(admin, { eventId: "evt_missing" });
    expect(missing).toEqual({ ok: false, error: "No event evt_missing is stored." });
    expect(await db().staffAction.findFirstOrThrow({ where: { objectId: "evt_missing" } })).toMatchObject({ status: "failed" });
  });

  it("catches up from Stripe and sets up the endpoint through the app's own client", async () => {
    const stripe = createStripeClient({ mode: "emulator", secretKey: emulator.keys.secret, emulatorUrl: emulator.url });
    const customer = await stripe.customers.create({ email: "caught@example.com" });
    const result = await catchUpNow(admin);
    expect(result.ok).toBe(true);
    expect(await db().customer.findUnique({ where: { id: customer.id } })).toMatchObject({ email: "caught@example.com" });

    expect(await setUpEndpointFromApp(admin, { appUrl: "not a url" })).toMatchObject({ ok: false });
    const setUp = await setUpEndpointFromApp(admin, { appUrl: "http://127.0.0.1:9" });
    expect(setUp.ok).toBe(true);
    expect(await readStoredEndpoint()).toMatchObject({ url: "http://127.0.0.1:9/api/webhooks/stripe" });
  });
});
