import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { formatPattern, isSupportedLocale, numberFormat } from "@/lib/amounts/number-formats";

/**
 * Each person's number format: how the amounts they type are read and how figures are shown to
 * them. Changing it changes what "1.000" means in their next refund, so the change is audited.
 */

export const LOCALE_CHANGE = "staff.locale.change";

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
