import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from "./password";
import { clearBackoff, countBackoffFailure, PAIR_POLICY, readBackoff } from "./sign-in-backoff";
import type { Actor, StaffChangeResult } from "./staff-admin";

/**
 * Staff change their own password. An invited person must do so before anything else: the
 * password an admin saw on screen is meant for one sign-in only. The invite sets
 * `password_change_required` on their row, which requirePermission reads on every call.
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

const passwordChangeKey = (staffId: string) => `password-change:${staffId}`;

function waitMessage(retryAt: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 60_000));
  return `Too many wrong current passwords. Wait ${minutes} minute${minutes === 1 ? "" : "s"}, then try again.`;
}

export async function changeOwnPassword(actor: Actor, input: unknown): Promise<StaffChangeResult> {
  const parsed = passwordChangeSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, error: "Check the highlighted fields.", fieldErrors: z.flattenError(parsed.error).fieldErrors };
  }
  const staff = await db().staffUser.findUnique({ where: { id: actor.id } });
  if (!staff || staff.disabledAt) return { ok: false, error: "Your account is no longer active." };
  // Whoever holds a stolen session could otherwise guess the password at full speed and take the
  // account for good. Counted per account: only a session of this account can move the count.
  const backoff = passwordChangeKey(actor.id);
  const now = new Date();
  const { retryAt } = await readBackoff(backoff, now);
  if (retryAt) return { ok: false, error: waitMessage(retryAt, now) };
  if (!(await verifyPassword(parsed.data.currentPassword, staff.passwordHash))) {
    await countBackoffFailure(backoff, PAIR_POLICY, now);
    return { ok: false, error: "Check the highlighted fields.", fieldErrors: { currentPassword: ["That is not your current password."] } };
  }
  await clearBackoff(backoff);

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
