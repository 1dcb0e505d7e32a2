import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { formatPattern, isSupportedLocale, numberFormat } from "@/lib/amounts/number-formats";
import { timeZoneSchema } from "@/lib/listing/time-zone";

/**
 * Each person's own way of reading: their number format (how the amounts they type are read and
 * figures are shown) and their time zone (how dates are shown and day filters read). Changing the
 * format changes what "1.000" means in their next refund, so changes are audited.
 */

export const LOCALE_CHANGE = "staff.locale.change";
export const TIME_ZONE_CHANGE = "staff.time_zone.change";
export const THEME_CHANGE = "staff.theme.change";

/** Light or dark pages; "system" follows the operating system (prefers-color-scheme). */
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_LABEL: Record<Theme, string> = { system: "Same as the system", light: "Light", dark: "Dark" };

const themeSchema = z.enum(THEMES, { error: "Choose system, light or dark." });

export const localeSchema = z
  .string({ error: "Choose a number format." })
  .trim()
  .refine(isSupportedLocale, { error: "Choose a number format from the list." })
  .transform((tag) => numberFormat(tag).locale);

export async function staffLocale(staffId: string): Promise<string> {
  const staff = await db().staffUser.findUnique({ where: { id: staffId }, select: { locale: true } });
  return numberFormat(staff?.locale).locale;
}

export type LocaleChangeResult = { ok: true; message: string } | { ok: false; error: string };

export async function setOwnLocale(staffId: string, input: unknown): Promise<LocaleChangeResult> {
  const parsed = localeSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Choose a number format from the list." };
  const locale = parsed.data;
  return db().$transaction(async (tx) => {
    const staff = await tx.staffUser.findUnique({ where: { id: staffId }, select: { locale: true, disabledAt: true } });
    if (!staff || staff.disabledAt) return { ok: false as const, error: "Your account is no longer active." };
    await tx.staffUser.update({ where: { id: staffId }, data: { locale } });
    await tx.staffAction.create({
      data: {
        actorId: staffId, kind: LOCALE_CHANGE, objectType: "staff_user", objectId: staffId, params: { locale },
        idempotencyKey: randomUUID(), status: "succeeded", outcome: { from: staff.locale, to: locale }, completedAt: new Date(),
      },
    });
    return { ok: true as const, message: `Amounts are now read and shown like ${formatPattern(numberFormat(locale), 2)}.` };
  });
}

export type TimeZoneChangeResult = { ok: true; message: string } | { ok: false; error: string };

/** "" (or null) follows the merchant's zone again. */
export async function setOwnTimeZone(staffId: string, input: unknown, merchantZone: string): Promise<TimeZoneChangeResult> {
  const follow = input === "" || input === null;
  const parsed = follow ? null : timeZoneSchema.safeParse(input);
  if (parsed && !parsed.success) return { ok: false, error: "Choose a time zone from the list." };
  const timeZone = parsed?.data ?? null;
  return db().$transaction(async (tx) => {
    const staff = await tx.staffUser.findUnique({ where: { id: staffId }, select: { timeZone: true, disabledAt: true } });
    if (!staff || staff.disabledAt) return { ok: false as const, error: "Your account is no longer active." };
    await tx.staffUser.update({ where: { id: staffId }, data: { timeZone } });
    await tx.staffAction.create({
      data: {
        actorId: staffId, kind: TIME_ZONE_CHANGE, objectType: "staff_user", objectId: staffId, params: { timeZone },
        idempotencyKey: randomUUID(), status: "succeeded", outcome: { from: staff.timeZone, to: timeZone }, completedAt: new Date(),
      },
    });
    return { ok: true as const, message: timeZone ? `Dates now show in ${timeZone}.` : `Dates now follow the merchant's time zone (${merchantZone}).` };
  });
}

export type ThemeChangeResult = { ok: true; message: string } | { ok: false; error: string };

export async function setOwnTheme(staffId: string, input: unknown): Promise<ThemeChangeResult> {
  const parsed = themeSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "Choose system, light or dark." };
  const theme = parsed.data;
  return db().$transaction(async (tx) => {
    const staff = await tx.staffUser.findUnique({ where: { id: staffId }, select: { theme: true, disabledAt: true } });
    if (!staff || staff.disabledAt) return { ok: false as const, error: "Your account is no longer active." };
    await tx.staffUser.update({ where: { id: staffId }, data: { theme } });
    await tx.staffAction.create({
      data: {
        actorId: staffId, kind: THEME_CHANGE, objectType: "staff_user", objectId: staffId, params: { theme },
        idempotencyKey: randomUUID(), status: "succeeded", outcome: { from: staff.theme, to: theme }, completedAt: new Date(),
      },
    });
    return { ok: true as const, message: theme === "system" ? "Pages now follow your system's light or dark setting." : `Pages are now ${theme}.` };
  });
}
