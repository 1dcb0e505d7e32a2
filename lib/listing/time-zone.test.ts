import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { dayIn, startOfDayIn } from "./days";
import { DEFAULT_TIME_ZONE, merchantTimeZone, setMerchantTimeZone, TIME_ZONE_CHANGE } from "./time-zone";
import { decodeCursor, encodeCursor } from "./keyset";

useTestDatabase();

describe("merchant time zone", () => {
  it("defaults to UTC, stores a valid zone and refuses an unknown one", async () => {
    expect(await merchantTimeZone()).toBe(DEFAULT_TIME_ZONE);
    await setMerchantTimeZone("Asia/Kolkata");
    expect(await merchantTimeZone()).toBe("Asia/Kolkata");
    await expect(setMerchantTimeZone("Mars/Olympus")).rejects.toThrow();
    expect(await merchantTimeZone()).toBe("Asia/Kolkata");
  });

  it("records who changed the zone, from what and to what, and nothing for a refused zone", async () => {
    const admin = await db().staffUser.create({ data: { email: "tz-admin@example.com", name: "Zoe Zone", roles: ["administrator"], passwordHash: "x" } });
    await setMerchantTimeZone("Europe/Paris", admin.id);
    await expect(setMerchantTimeZone("Nowhere/Nothing", admin.id)).rejects.toThrow();
    const actions = await db().staffAction.findMany({ where: { kind: TIME_ZONE_CHANGE } });
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ actorId: admin.id, status: "succeeded", objectId: "time_zone", outcome: { from: "Asia/Kolkata", to: "Europe/Paris" } });
    expect(await merchantTimeZone()).toBe("Europe/Paris");
  });

  it("finds the start of a day, across a DST change and in a half-hour zone", () => {
    expect(startOfDayIn("2026-11-02", "Asia/Tokyo").toISOString()).toBe("2026-11-01T15:00:00.000Z");
    expect(startOfDayIn("2026-11-02", "Asia/Kolkata").toISOString()).toBe("2026-11-01T18:30:00.000Z");
    // New York leaves daylight time on 1 Nov 2026: that day starts at UTC−4, the next at UTC−5.
    expect(startOfDayIn("2026-11-01", "America/New_York").toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(startOfDayIn("2026-11-02", "America/New_York").toISOString()).toBe("2026-11-02T05:00:00.000Z");
    expect(dayIn(new Date("2026-11-01T16:30:00Z"), "Asia/Tokyo")).toBe("2026-11-02");
  });
});

describe("cursor", () => {
  it("round-trips and rejects anything malformed", () => {
    const cursor = { created: new Date("2026-11-01T16:30:00.123Z"), id: "pi_123" };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor("not a cursor!")).toBeNull();
    expect(decodeCursor(Buffer.from("2026-11-01|pi_1' OR 1=1").toString("base64url"))).toBeNull();
    expect(decodeCursor(undefined)).toBeNull();
  });
});
