import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { StaffRole } from "../roles";
import { stepUpRefusal, type StepUpSession } from "../step-up";
import { issueRecoveryCodes } from "./recovery-codes";
import { isExemptDemoStaff, rolesRequireTwoFactor, twoFactorRequiredForAll } from "./requirement";

/**
 * What a person does with their own second factor once it is on: draw a fresh set of recovery
 * codes (the old ones stop working) and turn it off. Both need a recent proof of the person
 * (step-up), since a stolen session could otherwise read fresh codes, or strip the second factor
 * and keep the account with the password alone.
 */

export interface SelfServiceActor extends StepUpSession {
  email: string;
  roles: readonly StaffRole[];
}

export type RecoveryCodesResult =
  | { ok: true; message: string; recoveryCodes: string[] }
  | { ok: false; error: string; code?: string };

export type TurnOffResult = { ok: true; message: string } | { ok: false; error: string; code?: string };

const confirmSchema = (what: string) => z.object({ confirm: z.literal(true, { error: `Confirm that you want to ${what}.` }) });
const renewSchema = confirmSchema("replace your recovery codes");
const turnOffSchema = confirmSchema("turn off two-factor sign-in");

function audit(tx: Prisma.TransactionClient, actorId: string, kind: string, now: Date) {
  return tx.staffAction.create({
    data: {
      actorId, kind, objectType: "staff_user", objectId: actorId, params: {},
      idempotencyKey: randomUUID(), status: "succeeded", outcome: { staffId: actorId }, completedAt: now,
    },
  });
}

export async function renewRecoveryCodes(actor: SelfServiceActor, input: unknown, now = new Date()): Promise<RecoveryCodesResult> {
  const parsed = renewSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]!.message };
  const stepUp = await stepUpRefusal(actor, now);
  if (stepUp) return { ok: false, error: stepUp.error, code: stepUp.code };
  return db().$transaction(async (tx) => {
    // Only someone whose second factor is on has codes to replace; the row lock orders this against a turn-off.
    const [row] = await tx.$queryRaw<{ enabled: boolean }[]>`SELECT totp_enabled_at IS NOT NULL AS enabled FROM staff_users WHERE id = ${actor.id}::uuid FOR UPDATE`;
    if (!row?.enabled) return { ok: false as const, error: "Two-factor sign-in is not on for your account, so there are no recovery codes to replace." };
    const recoveryCodes = await issueRecoveryCodes(actor.id, tx);
    await audit(tx, actor.id, "staff.two_factor.recovery_codes.renew", now);
    return {
      ok: true as const, recoveryCodes,
      message: "These are your new recovery codes; the old ones no longer work. Keep them somewhere safe: they are shown only now.",
    };
  });
}

/** Why this person may not turn their second factor off, or null. */
export async function turnOffRefusal(actor: Pick<SelfServiceActor, "email" | "roles">): Promise<string | null> {
  if (rolesRequireTwoFactor(actor.roles)) {
    return "Your role needs two-factor sign-in (Administrators and Developers always do), so you cannot turn it off. If you lost your authenticator, ask another Administrator to reset it.";
  }
  if (!isExemptDemoStaff(actor.email) && (await twoFactorRequiredForAll())) {
    return "An Administrator requires two-factor sign-in for everyone, so you cannot turn it off.";
  }
  return null;
}

export async function turnOffTwoFactor(actor: SelfServiceActor, input: unknown, now = new Date()): Promise<TurnOffResult> {
  const parsed = turnOffSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]!.message };
  const refusal = await turnOffRefusal(actor);
  if (refusal) return { ok: false, error: refusal };
  const stepUp = await stepUpRefusal(actor, now);
  if (stepUp) return { ok: false, error: stepUp.error, code: stepUp.code };
  return db().$transaction(async (tx) => {
    const off = await tx.staffUser.updateMany({
      where: { id: actor.id, totpEnabledAt: { not: null } },
      data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null },
    });
    // Passkeys are second factors too: off means the password alone.
    const passkeys = await tx.staffPasskey.deleteMany({ where: { staffId: actor.id } });
    if (off.count === 0 && passkeys.count === 0) return { ok: false as const, error: "Two-factor sign-in is already off for your account." };
    await tx.staffRecoveryCode.deleteMany({ where: { staffId: actor.id } });
    await audit(tx, actor.id, "staff.two_factor.disable", now);
    return { ok: true as const, message: "Two-factor sign-in is off: you now sign in with your password alone. Your recovery codes and passkeys no longer work." };
  });
}
