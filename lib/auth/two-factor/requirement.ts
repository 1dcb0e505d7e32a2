import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { appConfig } from "@/lib/env";
import { DEMO_STAFF_EMAILS } from "../demo-staff";
import { can } from "../permissions";
import type { StaffRole } from "../roles";
import type { Actor, StaffChangeResult } from "../staff-admin";

/**
 * Who must have a second factor before doing anything: Administrators and Developers by default
 * (rolesRequireTwoFactor), everyone once an admin requires it for all. The demo staff of the emulator mode are
 * exempt, so a fresh clone (and its end-to-end suite) signs in with the published passwords alone;
 * they never exist with real Stripe keys (demo-staff.ts).
 */

export const TWO_FACTOR_FOR_ALL_SETTING = "two_factor_required_for_all";
export const TWO_FACTOR_FOR_ALL_CHANGE = "settings.two_factor_for_all.change";

export interface EnrolmentSubject {
  email: string;
  roles: readonly StaffRole[];
  totpEnabledAt: Date | null;
  /** How many passkeys they have registered: each is a second factor too. */
  passkeys: number;
}

export function isExemptDemoStaff(email: string, stripeMode = appConfig().stripe.mode): boolean {
  return stripeMode === "emulator" && DEMO_STAFF_EMAILS.includes(email);
}

export async function twoFactorRequiredForAll(): Promise<boolean> {
  const row = await db().setting.findUnique({ where: { key: TWO_FACTOR_FOR_ALL_SETTING } });
  return row?.value === true;
}

/**
 * Whose roles always need a second factor: whoever manages staff (Administrators) and whoever
 * can move where Stripe sends the account's events (Developers), as Stripe requires it of both.
 */
export function rolesRequireTwoFactor(roles: readonly StaffRole[]): boolean {
  return can(roles, "staff.manage") || can(roles, "webhooks.endpoint.manage");
}

/** True while this person must enrol before anything else. Reads the setting only when it matters. */
export async function owesTwoFactorEnrolment(staff: EnrolmentSubject): Promise<boolean> {
  if (staff.totpEnabledAt || staff.passkeys > 0 || isExemptDemoStaff(staff.email)) return false;
  return rolesRequireTwoFactor(staff.roles) || (await twoFactorRequiredForAll());
}

const forAllSchema = z.object({
  required: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")], { error: "Choose on or off." }),
});

export async function setTwoFactorRequiredForAll(actor: Actor, input: unknown): Promise<StaffChangeResult> {
  const parsed = forAllSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "Choose on or off." };
  const { required } = parsed.data;
  await db().$transaction(async (tx) => {
    const before = await tx.setting.findUnique({ where: { key: TWO_FACTOR_FOR_ALL_SETTING } });
    await tx.setting.upsert({
      where: { key: TWO_FACTOR_FOR_ALL_SETTING },
      create: { key: TWO_FACTOR_FOR_ALL_SETTING, value: required },
      update: { value: required },
    });
    await tx.staffAction.create({
      data: {
        actorId: actor.id, kind: TWO_FACTOR_FOR_ALL_CHANGE, objectType: "setting", objectId: TWO_FACTOR_FOR_ALL_SETTING,
        params: { required }, idempotencyKey: randomUUID(), status: "succeeded",
        outcome: { from: before?.value === true, to: required }, completedAt: new Date(),
      },
    });
  });
  return {
    ok: true,
    message: required
      ? "Everyone now needs a second factor: people without one are sent to set it up at their next step."
      : "A second factor is now required only for Administrators and Developers; others may still set one up.",
  };
}
