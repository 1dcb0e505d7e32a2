import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { checkPermission, staffForSession, type Access, type Refusal, type StaffSession } from "./access";
import { authOptions } from "./options";
import type { Permission } from "./permissions";

/**
 * The one gate in front of every page, route handler and server action (the decision itself is
 * in access.ts, the table in permissions.ts). The proxy's check is only a first line: these run on
 * the server for every call.
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
 * still holding an invite's one-time password is refused too, whatever their roles.
 */
export async function requirePermission(permission: Permission): Promise<Access> {
  return checkPermission(await currentStaff(), permission);
}

/**
 * For self-service only (changing one's own password, ending one's own sessions): works before a
 * change owed after an invite, and before a second factor owed.
 */
export async function requireSelfService(): Promise<Access> {
  return checkPermission(await currentStaff(), "self.manage", { beforePasswordChange: true, beforeTwoFactor: true });
}

/** For setting up one's second factor: works while it is owed, but only after an owed password change. */
export async function requireEnrolmentPermission(): Promise<Access> {
  return checkPermission(await currentStaff(), "self.manage", { beforeTwoFactor: true });
}

/**
 * For pages: a signed-out visitor is sent to sign in, someone owing a password change to change
 * it; a person without the permission gets the 403 page (app/(dashboard)/forbidden.tsx) with a 403 status.
 */
export async function requirePagePermission(permission: Permission): Promise<Access> {
  const access = await requirePermission(permission);
  if (!access.ok && access.reason === "signed_out") redirect("/sign-in");
  if (!access.ok && access.reason === "password_change_required") redirect("/change-password");
  if (!access.ok && access.reason === "two_factor_enrolment_required") redirect("/settings/two-factor");
  if (!access.ok && access.reason === "forbidden") forbidden();
  return access;
}

/** HTTP status of a refusal for route handlers. */
export function refusalStatus(refusal: Refusal): 401 | 403 {
  return refusal.reason === "signed_out" ? 401 : 403;
}
