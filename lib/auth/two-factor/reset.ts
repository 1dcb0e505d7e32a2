import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Actor, StaffChangeResult } from "../staff-admin";

/**
 * An admin's way back in for someone who lost both their authenticator and their recovery codes
 * (or whose secret a changed NEXTAUTH_SECRET made unreadable): their second factor and recovery
 * codes are removed and every session of theirs ends; if their role needs one, they are sent to
 * set it up again at their next sign-in. Not for one's own account: another admin must do it.
 */

const resetSchema = z.object({ staffId: z.uuid({ error: "Unknown staff member." }) });

export async function resetStaffTwoFactor(actor: Actor, input: unknown): Promise<StaffChangeResult> {
  const parsed = resetSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "Unknown staff member." };
  const { staffId } = parsed.data;
  if (staffId === actor.id) return { ok: false, error: "You cannot remove your own second factor: ask another admin." };
  return db().$transaction(async (tx) => {
    const staff = await tx.staffUser.findUnique({ where: { id: staffId }, select: { name: true, totpEnabledAt: true, totpSecret: true, _count: { select: { passkeys: true } } } });
    if (!staff) return { ok: false as const, error: "Unknown staff member." };
    if (!staff.totpEnabledAt && !staff.totpSecret && staff._count.passkeys === 0) return { ok: false as const, error: `${staff.name} has no second factor to remove.` };
    await tx.staffUser.update({
      where: { id: staffId },
      data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null, sessionVersion: { increment: 1 } },
    });
    await tx.staffRecoveryCode.deleteMany({ where: { staffId } });
    await tx.staffPasskey.deleteMany({ where: { staffId } });
    await tx.staffAction.create({
      data: {
        actorId: actor.id, kind: "staff.two_factor.reset", objectType: "staff_user", objectId: staffId, params: { staffId },
        idempotencyKey: randomUUID(), status: "succeeded", outcome: { staffId, sessionsEnded: true }, completedAt: new Date(),
      },
    });
    return { ok: true as const, message: `${staff.name}'s second factor is removed and their sessions have ended; they set it up again at their next sign-in.` };
  });
}
