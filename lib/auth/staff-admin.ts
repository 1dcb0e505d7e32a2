import { randomUUID } from "node:crypto";
import { z } from "zod";
import { raiseAlerts } from "@/lib/alerts/raise";
import { roleChangedAlert } from "@/lib/alerts/staff";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { generatePassword, hashPassword } from "./password";
import { forgiveAccountFailures } from "./sign-in-backoff";
import { rolesLabel, sortedRoles, STAFF_ROLES, type StaffRole } from "./roles";
import { normaliseEmail } from "./sign-in";

/**
 * Staff management for Administrators: invite, change roles, disable and re-enable, end sessions (and each
 * person ending their own). Every change is written
 * to the audit log first and its outcome recorded after, including refusals.
 * Callers check the staff.manage permission before calling (requirePermission); these functions trust `actor`.
 */

export interface Actor {
  id: string;
}

export type StaffChangeResult =
  | { ok: true; message: string; temporaryPassword?: string }
  | { ok: false; error: string; fieldErrors?: Record<string, string[] | undefined>; code?: string };

/** One or more of Stripe's roles (a lone value from a single select counts as one), stored sorted. */
export const rolesSchema = z.preprocess(
  (value) => (typeof value === "string" ? [value] : value),
  z
    .array(z.enum(STAFF_ROLES, { error: "Choose roles from the list." }), { error: "Choose at least one role." })
    .min(1, { error: "Choose at least one role." })
    .max(STAFF_ROLES.length, { error: "Choose each role at most once." })
    .transform((roles) => sortedRoles(roles)),
);

export const inviteSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email({ error: "Enter a valid email address." })),
  name: z.string().trim().min(1, { error: "Enter a name." }).max(120, { error: "Keep the name under 120 characters." }),
  roles: rolesSchema,
});

export const roleChangeSchema = z.object({
  staffId: z.uuid({ error: "Unknown staff member." }),
  roles: rolesSchema,
});

export const accessChangeSchema = z.object({
  staffId: z.uuid({ error: "Unknown staff member." }),
  disabled: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]),
});

/** A refusal that is the staff member's to fix, not a fault. */
class StaffRuleError extends Error {}

// Serialises every change that could leave the team without an Administrator, across instances.
const ADMIN_GUARD_LOCK = 7_341_001;

async function lockAdminGuard(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${ADMIN_GUARD_LOCK})`);
}

async function assertAnotherActiveAdmin(tx: Prisma.TransactionClient, staffId: string, what: string): Promise<void> {
  // Raw, because pglite-prisma-adapter sends the value of an enum-array filter (has, hasSome) as
  // a lone string, which PostgreSQL refuses as a "malformed array literal".
  const [{ others }] = await tx.$queryRaw<[{ others: number }]>`
    SELECT count(*)::int AS others FROM staff_users
    WHERE 'administrator' = ANY(roles) AND disabled_at IS NULL AND id <> ${staffId}::uuid`;
  if (others === 0) throw new StaffRuleError(`${what}: this is the last active Administrator. Make someone else an Administrator first.`);
}

function invalid(error: z.ZodError): StaffChangeResult {
  return { ok: false, error: "Check the highlighted fields.", fieldErrors: z.flattenError(error).fieldErrors };
}

/** Audit row → change → outcome. The change runs in its own transaction. */
async function audited(
  actor: Actor,
  kind: string,
  objectId: string | null,
  params: Prisma.InputJsonObject,
  change: (tx: Prisma.TransactionClient, actionId: string) => Promise<{ message: string; outcome: Prisma.InputJsonObject }>,
): Promise<{ ok: true; message: string } | { ok: false; error: string }> {
  const action = await db().staffAction.create({
    data: { actorId: actor.id, kind, objectType: "staff_user", objectId, params, idempotencyKey: randomUUID() },
  });
  try {
    const { message, outcome } = await db().$transaction((tx) => change(tx, action.id));
    await db().staffAction.update({
      where: { id: action.id },
      data: { status: "succeeded", outcome, completedAt: new Date(), objectId: typeof outcome.staffId === "string" ? outcome.staffId : objectId },
    });
    return { ok: true, message };
  } catch (error) {
    const known = error instanceof StaffRuleError;
    const message = known ? error.message : "The change could not be saved. Try again.";
    await db().staffAction.update({
      where: { id: action.id },
      // Everyone on the audit page reads this: the database's own text stays in the server log.
      data: { status: "failed", errorMessage: message, completedAt: new Date() },
    });
    if (!known) console.error(`staff action ${kind} ${action.id} failed`, error);
    return { ok: false, error: message };
  }
}

/** Creates the account with a one-time password that is shown once and never stored in clear. */
export async function inviteStaff(actor: Actor, input: unknown): Promise<StaffChangeResult> {
  const parsed = inviteSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { email, name, roles } = parsed.data;
  const temporaryPassword = generatePassword();
  const passwordHash = await hashPassword(temporaryPassword);

  const result = await audited(actor, "staff.invite", null, { email, name, roles }, async (tx) => {
    const existing = await tx.staffUser.findUnique({ where: { email: normaliseEmail(email) }, select: { id: true } });
    if (existing) throw new StaffRuleError(`${email} is already on the team.`);
    const staff = await tx.staffUser.create({
      data: { email: normaliseEmail(email), name, roles, passwordHash, invitedById: actor.id, passwordChangeRequired: true },
    });
    return { message: `${name} can now sign in as ${rolesLabel(roles)}.`, outcome: { staffId: staff.id } };
  });
  return result.ok ? { ...result, temporaryPassword } : result;
}

export async function changeStaffRole(actor: Actor, input: unknown): Promise<StaffChangeResult> {
  const parsed = roleChangeSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { staffId, roles } = parsed.data;

  return audited(actor, "staff.role.change", staffId, { staffId, roles }, async (tx, actionId) => {
    await lockAdminGuard(tx);
    const staff = await tx.staffUser.findUnique({ where: { id: staffId } });
    if (!staff) throw new StaffRuleError("That staff member no longer exists.");
    const from = sortedRoles(staff.roles);
    if (from.join() === roles.join()) return { message: `${staff.name} is already ${rolesLabel(roles)}.`, outcome: { staffId, roles } };
    if (from.includes("administrator") && !roles.includes("administrator") && !staff.disabledAt) {
      await assertAnotherActiveAdmin(tx, staffId, "Cannot change the roles");
    }
    // They sign in again under the new roles rather than carry the old ones in a token.
    await tx.staffUser.update({ where: { id: staffId }, data: { roles, sessionVersion: { increment: 1 } } });
    const changedBy = await tx.staffUser.findUnique({ where: { id: actor.id }, select: { name: true } });
    await raiseAlerts(tx, [
      roleChangedAlert(actionId, { staffId, staffName: staff.name, actorName: changedBy?.name ?? "An Administrator", from: rolesLabel(from), to: rolesLabel(roles) }),
    ]);
    return {
      message: `${staff.name} is now ${rolesLabel(roles)}; their sessions have ended.`,
      outcome: { staffId, from, to: roles, sessionsEnded: true },
    };
  });
}

export async function setStaffDisabled(actor: Actor, input: unknown): Promise<StaffChangeResult> {
  const parsed = accessChangeSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { staffId, disabled } = parsed.data;
  const kind = disabled ? "staff.disable" : "staff.enable";

  return audited(actor, kind, staffId, { staffId, disabled }, async (tx) => {
    if (disabled && staffId === actor.id) throw new StaffRuleError("You cannot disable your own account.");
    await lockAdminGuard(tx);
    const staff = await tx.staffUser.findUnique({ where: { id: staffId } });
    if (!staff) throw new StaffRuleError("That staff member no longer exists.");
    if (Boolean(staff.disabledAt) === disabled) {
      return { message: `${staff.name} is already ${disabled ? "disabled" : "active"}.`, outcome: { staffId } };
    }
    if (disabled && staff.roles.includes("administrator")) await assertAnotherActiveAdmin(tx, staffId, "Cannot disable");
    await tx.staffUser.update({
      where: { id: staffId },
      // Re-enabling also clears a sign-in lock, so the person can get back in straight away.
      data: disabled
        ? { disabledAt: new Date(), sessionVersion: { increment: 1 } }
        : { disabledAt: null, failedSignInCount: 0, lockedUntil: null, failuresExpireAt: null },
    });
    return { message: `${staff.name} is ${disabled ? "disabled" : "active again"}.`, outcome: { staffId, disabled } };
  });
}

export const endSessionsSchema = z.object({ staffId: z.uuid({ error: "Unknown staff member." }) });

/** An Administrator ends every session of a member of staff (a lost laptop, a suspicion): audited. */
export async function endStaffSessions(actor: Actor, input: unknown): Promise<StaffChangeResult> {
  const parsed = endSessionsSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { staffId } = parsed.data;
  return audited(actor, "staff.sessions.end", staffId, { staffId }, async (tx) => {
    const staff = await tx.staffUser.findUnique({ where: { id: staffId }, select: { name: true } });
    if (!staff) throw new StaffRuleError("That staff member no longer exists.");
    await tx.staffUser.update({ where: { id: staffId }, data: { sessionVersion: { increment: 1 } } });
    const whose = staffId === actor.id ? "Your" : `${staff.name}'s`;
    return { message: `${whose} sessions have ended everywhere.`, outcome: { staffId, sessionsEnded: true } };
  });
}

const endOwnSessionsSchema = z.object({
  confirm: z.literal(true, { error: "Confirm that you want to end every session of yours, this one included." }),
});

/** "Sign out everywhere": a person ends every session of their own, this one included. */
export async function endOwnSessions(actor: Actor, input: unknown): Promise<StaffChangeResult> {
  const parsed = endOwnSessionsSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  return endStaffSessions(actor, { staffId: actor.id });
}

/** An Administrator lifts the sign-in lock strangers' failures put on someone's account: audited. */
export async function unlockStaffSignIn(actor: Actor, input: unknown): Promise<StaffChangeResult> {
  const parsed = endSessionsSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { staffId } = parsed.data;
  return audited(actor, "staff.sign_in.unlock", staffId, { staffId }, async (tx) => {
    const staff = await tx.staffUser.findUnique({ where: { id: staffId }, select: { name: true, email: true } });
    if (!staff) throw new StaffRuleError("That staff member no longer exists.");
    await tx.staffUser.update({ where: { id: staffId }, data: { failedSignInCount: 0, lockedUntil: null, failuresExpireAt: null } });
    await forgiveAccountFailures(staff.email, tx);
    return { message: `${staff.name} can sign in again from anywhere.`, outcome: { staffId } };
  });
}

export interface StaffListEntry {
  id: string;
  email: string;
  name: string;
  roles: StaffRole[];
  disabled: boolean;
  lockedUntil: Date | null;
  /** Has a second factor on (two-factor/). */
  twoFactor: boolean;
  lastSignInAt: Date | null;
  createdAt: Date;
}

export async function listStaff(): Promise<StaffListEntry[]> {
  const rows = await db().staffUser.findMany({ orderBy: [{ disabledAt: { sort: "desc", nulls: "first" } }, { name: "asc" }] });
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    roles: sortedRoles(r.roles),
    disabled: Boolean(r.disabledAt),
    lockedUntil: r.lockedUntil,
    twoFactor: Boolean(r.totpEnabledAt),
    lastSignInAt: r.lastSignInAt,
    createdAt: r.createdAt,
  }));
}
