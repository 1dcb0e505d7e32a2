import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { checkRole, staffForSession, type Access, type Refusal, type StaffSession } from "./access";
import { authOptions } from "./options";
import type { StaffRole } from "./roles";

/**
 * The one gate in front of every page, route handler and server action (the decision itself is
 * in access.ts). The proxy's check is only a first line: these run on the server for every call.
 */

export type { Access, Refusal, StaffSession } from "./access";

/** The signed-in, enabled staff member of this request, or null. Cached per render. */
export const currentStaff = cache(async (): Promise<StaffSession | null> => {
  const session = await getServerSession(authOptions());
  const staffId = session?.user?.id;
  return staffForSession(
    staffId ? { staffId, signedInAt: session.signedInAt ?? 0, sessionVersion: session.sessionVersion ?? 0, sessionId: session.sessionId } : null,
  );
});

/**
 * For server actions and route handlers: returns a refusal to hand back, never throws. Someone
 * still holding an invite's one-time password is refused too, whatever their role.
 */
export async function requireRole(...roles: StaffRole[]): Promise<Access> {
  return checkRole(await currentStaff(), roles);
}

/**
 * For self-service only (changing one's own password, ending one's own sessions): works before a
 * change owed after an invite, and before a second factor owed.
 */
export async function requireSelfServiceRole(...roles: StaffRole[]): Promise<Access> {
  return checkRole(await currentStaff(), roles, { beforePasswordChange: true, beforeTwoFactor: true });
}

/** For setting up one's second factor: works while it is owed, but only after an owed password change. */
export async function requireEnrolmentRole(...roles: StaffRole[]): Promise<Access> {
  return checkRole(await currentStaff(), roles, { beforeTwoFactor: true });
}

/**
 * For pages: a signed-out visitor is sent to sign in, someone owing a password change to change
 * it; a wrong role gets the refusal to render.
 */
export async function requirePageRole(...roles: StaffRole[]): Promise<Access> {
  const access = await requireRole(...roles);
  if (!access.ok && access.reason === "signed_out") redirect("/sign-in");
  if (!access.ok && access.reason === "password_change_required") redirect("/change-password");
  if (!access.ok && access.reason === "two_factor_enrolment_required") redirect("/settings/two-factor");
  return access;
}

/** HTTP status of a refusal for route handlers. */
export function refusalStatus(refusal: Refusal): 401 | 403 {
  return refusal.reason === "signed_out" ? 401 : 403;
}
