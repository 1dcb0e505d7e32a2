import { z } from "zod";

/**
 * The time the alert loop works at: the wall clock, or in emulator mode the emulator's clock when
 * a test has moved it ahead (/_emulator/clock), so a test that moves Stripe's time by a day sees
 * that day's digests leave and the reminders due by then raised, as a merchant would a day later.
 * Never earlier than the wall clock: alerts are stamped with it when raised, and an emulator whose
 * clock starts in the past (the demo's) must not hold their mail back. Unreachable, or refusing
 * the app's key (a restricted key may not read the controls), it is the wall clock.
 */

const clockSchema = z.object({ now: z.number().int().positive() });

export async function alertClockNow(emulator: { url: string; secretKey: string } | null, wall = new Date()): Promise<Date> {
  if (!emulator) return wall;
  try {
    const response = await fetch(`${emulator.url}/_emulator/clock`, {
      headers: { Authorization: `Bearer ${emulator.secretKey}` },
      signal: AbortSignal.timeout(2_000),
    });
    if (!response.ok) return wall;
    const clock = clockSchema.safeParse(await response.json());
    return clock.success && clock.data.now * 1000 > wall.getTime() ? new Date(clock.data.now * 1000) : wall;
  } catch {
    return wall;
  }
}
