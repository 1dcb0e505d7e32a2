import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { ActionResult } from "@/lib/audit/result";
import { db } from "@/lib/db";
import { formatMoney, parseAmount } from "@/lib/money";

/**
 * Charges and refunds above a per-currency threshold need a second, explicit confirmation that
 * repeats the amount as it will be sent. The thresholds are a merchant setting; a currency without
 * one always asks, since nobody has said what is large in it.
 */

export const THRESHOLDS_SETTING = "amount_confirmation_thresholds";
export const THRESHOLD_CHANGE = "settings.confirmation_threshold.change";

/** In minor units: about a thousand US dollars' worth in each. */
export const DEFAULT_THRESHOLDS: Readonly<Record<string, bigint>> = {
  usd: 100_000n,
  eur: 100_000n,
  gbp: 100_000n,
  chf: 100_000n,
  cad: 150_000n,
  aud: 150_000n,
  jpy: 150_000n,
  kwd: 300_000n,
};

const storedSchema = z.record(z.string().regex(/^[a-z]{3}$/), z.string().regex(/^\d{1,15}$/));

export async function confirmationThresholds(): Promise<Record<string, bigint>> {
  const row = await db().setting.findUnique({ where: { key: THRESHOLDS_SETTING } });
  const stored = storedSchema.safeParse(row?.value);
  const overrides = stored.success ? Object.fromEntries(Object.entries(stored.data).map(([c, v]) => [c, BigInt(v)])) : {};
  return { ...DEFAULT_THRESHOLDS, ...overrides };
}

export async function confirmationThreshold(currency: string): Promise<bigint> {
  return (await confirmationThresholds())[currency.toLowerCase()] ?? 0n;
}

/**
 * Null when the action may go ahead; otherwise the answer that asks for confirmation. `confirmed`
 * is the amount in minor units the person confirmed: a confirmation of another amount (the field
 * changed after the question) does not count.
 */
export async function askToConfirmLargeAmount(args: {
  amount: bigint;
  currency: string;
  locale: string;
  confirmed: string | undefined;
  /** "Charge €1.500,00 to Visa •••• 4242" */
  question: string;
}): Promise<ActionResult | null> {
  const threshold = await confirmationThreshold(args.currency);
  if (args.amount <= threshold || args.confirmed === args.amount.toString()) return null;
  const why =
    threshold > 0n
      ? `This amount is above ${formatMoney(threshold, args.currency, args.locale)}, so it needs your confirmation.`
      : `No confirmation threshold is set for ${args.currency.toUpperCase()}, so every amount needs your confirmation.`;
  return {
    ok: false,
    code: "needs_amount_confirmation",
    error: `${args.question}? ${why}`,
    confirmAmount: args.amount.toString(),
  };
}

export type ThresholdChangeResult = { ok: true; message: string } | { ok: false; error: string };

const currencySchema = z.string().trim().toLowerCase().regex(/^[a-z]{3}$/, { error: "Choose a currency." });

/** Sets one currency's threshold from an amount typed in the admin's own number format. */
export async function setConfirmationThreshold(actor: { id: string; locale: string }, input: { currency: unknown; amount: unknown }): Promise<ThresholdChangeResult> {
  const currency = currencySchema.safeParse(input.currency);
  if (!currency.success) return { ok: false, error: "Choose a currency." };
  const parsed = parseAmount(typeof input.amount === "string" ? input.amount : "", currency.data, actor.locale);
  if (!parsed.ok) return { ok: false, error: parsed.message };
  return db().$transaction(async (tx) => {
    const row = await tx.setting.findUnique({ where: { key: THRESHOLDS_SETTING } });
    const stored = storedSchema.safeParse(row?.value);
    const value = { ...(stored.success ? stored.data : {}), [currency.data]: parsed.amount.toString() };
    await tx.setting.upsert({ where: { key: THRESHOLDS_SETTING }, create: { key: THRESHOLDS_SETTING, value }, update: { value } });
    const from = stored.success ? stored.data[currency.data] : undefined;
    await tx.staffAction.create({
      data: {
        actorId: actor.id, kind: THRESHOLD_CHANGE, objectType: "setting", objectId: THRESHOLDS_SETTING,
        params: { currency: currency.data, amount: parsed.amount.toString() },
        idempotencyKey: randomUUID(), status: "succeeded", outcome: { from: from ?? DEFAULT_THRESHOLDS[currency.data]?.toString() ?? null, to: parsed.amount.toString() }, completedAt: new Date(),
      },
    });
    return { ok: true as const, message: `${currency.data.toUpperCase()} charges and refunds above ${formatMoney(parsed.amount, currency.data, actor.locale)} now ask for confirmation.` };
  });
}
