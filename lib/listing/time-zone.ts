// Dates are shown, and date filters are read, in the merchant's time zone (Setting "time_zone",
// an IANA name; UTC until someone picks one). Day arithmetic in a zone lives in ./days.ts.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";

export const TIME_ZONE_SETTING = "time_zone";
export const DEFAULT_TIME_ZONE = "UTC";
/** The audit log's kind for a change of the merchant's time zone. */
export const TIME_ZONE_CHANGE = "settings.time_zone.change";

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z.string().trim().min(1).max(64).refine(isTimeZone, "Choose a time zone from the list.");

/** Every zone the runtime knows, for the settings picker. */
export function knownTimeZones(): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}

export async function merchantTimeZone(): Promise<string> {
  const row = await db().setting.findUnique({ where: { key: TIME_ZONE_SETTING } });
  const parsed = timeZoneSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_TIME_ZONE;
}

/**
 * Sets the zone and, when a staff member made the change, records it in the audit log in the same
 * transaction: every date and day filter shifts with it, so who changed it and from what matters.
 */
export async function setMerchantTimeZone(timeZone: string, actorId?: string): Promise<void> {
  const value = timeZoneSchema.parse(timeZone);
  await db().$transaction(async (tx) => {
    const previous = await tx.setting.findUnique({ where: { key: TIME_ZONE_SETTING } });
    await tx.setting.upsert({
      where: { key: TIME_ZONE_SETTING },
      create: { key: TIME_ZONE_SETTING, value },
      update: { value },
    });
    if (!actorId) return;
    const from = typeof previous?.value === "string" ? previous.value : DEFAULT_TIME_ZONE;
    await tx.staffAction.create({
      data: {
        actorId, kind: TIME_ZONE_CHANGE, objectType: "setting", objectId: TIME_ZONE_SETTING, params: { timeZone: value },
        idempotencyKey: randomUUID(), status: "succeeded", outcome: { from, to: value }, completedAt: new Date(),
      },
    });
  });
}
