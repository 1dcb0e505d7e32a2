import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from "./password";
import type { Actor, StaffChangeResult } from "./staff-admin";

/**
 * Staff change their own password. An invited person must do so before anything else: the
 * password an admin saw on screen is meant for one sign-in only. The invite sets
 * `password_change_required` on their row, which requireRole reads on every call.
 */

export async function mustChangePassword(staffId: string): Promise<boolean> {
  const staff = await db().staffUser.findUnique({ where: { id: staffId }, select: { passwordChangeRequired: true } });
  return staff?.passwordChangeRequired ?? false;
}

export const passwordChangeSchema = z
  .object({
    currentPassword: z.string().min(1, { error: "Enter your current password." }),
    newPassword: z
      .string()
      .min(MIN_PASSWORD_LENGTH, { error: `Use at least ${MIN_PASSWORD_LENGTH} characters.` })
      .max(1024, { error: "Use at most 1024 characters." }),
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    error: "The two new passwords differ.",
    path: ["confirmPassword"],
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    error: "Choose a password different from the current one.",
    path: ["newPassword"],
  });

export async function changeOwnPassword(actor: Actor, input: unknown): Promise<StaffChangeResult> {
  const parsed = passwordChangeSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, error: "Check the highlighted fields.", fieldErrors: z.flattenError(parsed.error).fieldErrors };
  }
  const staff = await db().staffUser.findUnique({ where: { id: actor.id } });
  if (!staff || staff.disabledAt) return { ok: false, error: "Your account is no longer active." };
  if (!(await verifyPassword(parsed.data.currentPassword, staff.passwordHash))) {
    return { ok: false, error: "Check the highlighted fields.", fieldErrors: { currentPassword: ["That is not your current password."] } };
  }

  // Audit row first (never the passwords themselves), then the change, then the outcome.
  const action = await db().staffAction.create({
    data: {
      actorId: actor.id,
      kind: "staff.password.change",
      objectType: "staff_user",
      objectId: actor.id,
      params: {},
      idempotencyKey: randomUUID(),
    },
  });
  await db().staffUser.update({
    where: { id: actor.id },
    // Every session ends, this one too: whoever held the old password may hold a session as well.
    data: { passwordHash: await hashPassword(parsed.data.newPassword), passwordChangeRequired: false, sessionVersion: { increment: 1 } },
  });
  await db().staffAction.update({
    where: { id: action.id },
    data: { status: "succeeded", outcome: { staffId: actor.id, sessionsEnded: true }, completedAt: new Date() },
  });
  return { ok: true, message: "Your password is changed." };
}
