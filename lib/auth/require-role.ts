import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/lib/db";
import { authOptions } from "./options";
import { wasDisabledSince } from "./session-validity";
import { ROLE_LABEL, type StaffRole } from "./roles";

/**
 * The one gate in front of every page, route handler and server action. It trusts the session
 * cookie only for *who* is asking; the role and the disabled flag are read from the database on
 * every call, so a demotion or a disabled account takes effect at once.
 */

export interface StaffSession {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
}

export type Refusal =
  | { ok: false; reason: "signed_out"; error: string }
  | { ok: false; reason: "forbidden"; error: string };

export type Access = { ok: true; staff: StaffSession } | Refusal;

/** The signed-in, enabled staff member of this request, or null. Cached per render. */
export const currentStaff = cache(async (): Promise<StaffSession | null> => {
  const session = await getServerSession(authOptions());
  const id = session?.user?.id;
  if (!id) return null;
  const staff = await db().staffUser.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, disabledAt: true },
  });
  if (!staff || staff.disabledAt) return null;
  if (await wasDisabledSince(staff.id, new Date(session?.signedInAt ?? 0))) return null;
  return { id: staff.id, email: staff.email, name: staff.name, role: staff.role };
});

/** For server actions and route handlers: returns a refusal to hand back, never throws. */
export async function requireRole(...roles: StaffRole[]): Promise<Access> {
  const staff = await currentStaff();
  if (!staff) return { ok: false, reason: "signed_out", error: "Your session has ended. Sign in again to continue." };
  if (!roles.includes(staff.role)) {
    const allowed = roles.map((r) => ROLE_LABEL[r]).join(" or ");
    return { ok: false, reason: "forbidden", error: `This needs the ${allowed} role; you are signed in as ${ROLE_LABEL[staff.role]}.` };
  }
  return { ok: true, staff };
}

/** For pages: a signed-out visitor is sent to sign in; a wrong role gets the refusal to render. */
export async function requirePageRole(...roles: StaffRole[]): Promise<Access> {
  const access = await requireRole(...roles);
  if (!access.ok && access.reason === "signed_out") redirect("/sign-in");
  return access;
}

/** HTTP status of a refusal for route handlers. */
export function refusalStatus(refusal: Refusal): 401 | 403 {
  return refusal.reason === "signed_out" ? 401 : 403;
}
