import { db } from "@/lib/db";
import { numberFormat } from "@/lib/amounts/number-formats";
import { can, rolesWithLabel, type Permission } from "./permissions";
import { rolesLabel, sortedRoles, type StaffRole } from "./roles";
import { owesTwoFactorEnrolment } from "./two-factor/requirement";

/**
 * The decision behind requirePermission, apart from how the session is read (next-auth, in
 * require-role.ts): the session only says *who* is asking; the roles and whether the account may
 * still act come from the database on every call, so a demotion or a disable takes effect at once.
 */

export interface StaffSession {
  id: string;
  email: string;
  name: string;
  /** One or more of Stripe's roles (lib/auth/roles.ts); they hold every permission of each. */
  roles: StaffRole[];
  /** Their number format and display locale (lib/amounts/number-formats.ts). */
  locale: string;
  /** Their own time zone, or null to follow the merchant's. */
  timeZone: string | null;
  /** Light or dark pages, or "system" to follow the operating system. */
  theme: "system" | "light" | "dark";
  /** Still signed in with an invite's one-time password, which buys nothing but its own change. */
  passwordChangeOwed: boolean;
  /** Must set up a second factor before anything else (two-factor/requirement.ts). */
  twoFactorOwed: boolean;
  /** When this session signed in (ms since epoch), and its id: what step-up.ts reads. */
  signedInAt: number;
  sessionId: string;
}

export type Refusal =
  | { ok: false; reason: "signed_out"; error: string }
  | { ok: false; reason: "forbidden"; error: string }
  | { ok: false; reason: "password_change_required"; error: string }
  | { ok: false; reason: "two_factor_enrolment_required"; error: string };

export type Access = { ok: true; staff: StaffSession } | Refusal;

/** What a valid session cookie claims. */
export interface SessionClaim {
  staffId: string;
  /** ms since epoch. */
  signedInAt: number;
  /** The staff row's session version at sign-in (0 for tokens older than versions). */
  sessionVersion: number;
  /** The token's session id (absent from tokens older than it). */
  sessionId?: string;
}

/**
 * The staff member behind a session, or null when signed out, disabled, or when their sessions
 * were ended since this one signed in: every end (sign out everywhere, an admin ending them, a
 * password or role change, a disable) raises the row's session version, which outdates the claim.
 */
export async function staffForSession(claim: SessionClaim | null): Promise<StaffSession | null> {
  if (!claim) return null;
  const staff = await db().staffUser.findUnique({
    where: { id: claim.staffId },
    select: {
      id: true, email: true, name: true, roles: true, disabledAt: true, locale: true, timeZone: true, theme: true, passwordChangeRequired: true, sessionVersion: true,
      totpEnabledAt: true, _count: { select: { passkeys: true } },
    },
  });
  if (!staff || staff.disabledAt || staff.sessionVersion !== claim.sessionVersion) return null;
  return {
    id: staff.id, email: staff.email, name: staff.name, roles: sortedRoles(staff.roles), locale: numberFormat(staff.locale).locale, timeZone: staff.timeZone, theme: staff.theme,
    passwordChangeOwed: staff.passwordChangeRequired,
    twoFactorOwed: await owesTwoFactorEnrolment({ ...staff, passkeys: staff._count.passkeys }),
    signedInAt: claim.signedInAt,
    sessionId: claim.sessionId ?? `${claim.staffId}:${claim.signedInAt}`,
  };
}

export const PASSWORD_CHANGE_OWED = "Change the one-time password you were given before anything else: open /change-password.";

export const TWO_FACTOR_OWED = "Set up two-factor sign-in before anything else: open /settings/two-factor.";

export interface CheckOptions {
  /** Only for what a one-time password is for: changing it, and leaving. */
  beforePasswordChange?: boolean;
  /** Only for setting up the second factor that is owed, and for leaving. */
  beforeTwoFactor?: boolean;
}

/** Whether this person may take this action (lib/auth/permissions.ts), as an answer to hand back. */
export function checkPermission(staff: StaffSession | null, permission: Permission, options: CheckOptions = {}): Access {
  if (!staff) return { ok: false, reason: "signed_out", error: "Your session has ended. Sign in again to continue." };
  if (staff.passwordChangeOwed && !options.beforePasswordChange) {
    return { ok: false, reason: "password_change_required", error: PASSWORD_CHANGE_OWED };
  }
  if (staff.twoFactorOwed && !options.beforeTwoFactor) {
    return { ok: false, reason: "two_factor_enrolment_required", error: TWO_FACTOR_OWED };
  }
  if (!can(staff.roles, permission)) {
    return {
      ok: false,
      reason: "forbidden",
      error: `This needs the ${rolesWithLabel(permission)} role; you are signed in as ${rolesLabel(staff.roles)}.`,
    };
  }
  return { ok: true, staff };
}
