import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { enrolStaff } from "@/tests/support/two-factor";
import { hashPassword } from "../password";
import { signInStaff } from "../sign-in";
import { completeChallenge } from "./challenge";
import { setTwoFactorRequiredForAll } from "./requirement";
import { renewRecoveryCodes, turnOffTwoFactor } from "./self-service";

const database = useTestDatabase();
const PASSWORD = "a long enough password";
let passwordHash: string;

const ROLES = {
  agent: ["support_specialist", "refund_analyst", "dispute_analyst"],
  admin: ["administrator"],
  developer: ["developer"],
} as const;

async function addEnrolled(persona: keyof typeof ROLES = "agent") {
  passwordHash ??= await hashPassword(PASSWORD);
  const row = await db().staffUser.create({ data: { email: `${persona}@shop.test`, name: "Sam", roles: [...ROLES[persona]], passwordHash } });
  const { secret, recoveryCodes } = await enrolStaff(row.id);
  const fresh = { id: row.id, email: row.email, roles: row.roles, sessionId: "laptop", signedInAt: Date.now() };
  const stale = { ...fresh, sessionId: "old", signedInAt: Date.now() - 60 * 60_000 };
  return { row, secret, recoveryCodes, fresh, stale };
}

/** Signs in with the password and a recovery code: the answer of the second step. */
async function signInWithRecoveryCode(email: string, code: string) {
  const first = await signInStaff(email, PASSWORD, new Date());
  if (first.ok || first.reason !== "second_factor_required") return first;
  return completeChallenge(first.challenge, code, new Date(), null);
}

const auditKinds = async (staffId: string) =>
  (await db().staffAction.findMany({ where: { actorId: staffId }, orderBy: { createdAt: "asc" } })).map((a) => a.kind);

describe("a person's own second factor", () => {
  beforeEach(() => database.truncateAll());

  it("draws fresh recovery codes only after a recent confirmation; the old ones stop working and the new ones work once", async () => {
    const sam = await addEnrolled();
    const hashesBefore = await db().staffRecoveryCode.findMany({ where: { staffId: sam.row.id } });

    expect(await renewRecoveryCodes(sam.stale, { confirm: true })).toMatchObject({ ok: false, code: "step_up_required" });
    expect(await renewRecoveryCodes(sam.fresh, {})).toEqual({ ok: false, error: "Confirm that you want to replace your recovery codes." });
    expect(await db().staffRecoveryCode.findMany({ where: { staffId: sam.row.id } })).toEqual(hashesBefore);

    const renewed = await renewRecoveryCodes(sam.fresh, { confirm: true });
    expect(renewed).toMatchObject({ ok: true, recoveryCodes: expect.any(Array) });
    if (!renewed.ok) return;
    expect(renewed.recoveryCodes).toHaveLength(10);
    expect(renewed.recoveryCodes.filter((c) => sam.recoveryCodes.includes(c))).toEqual([]);
    // Shown once: only hashes are stored.
    const stored = await db().staffRecoveryCode.findMany({ where: { staffId: sam.row.id } });
    expect(stored.map((r) => r.codeHash).join()).not.toContain(renewed.recoveryCodes[0]!.replace(/-/g, ""));

    expect(await signInWithRecoveryCode(sam.row.email, sam.recoveryCodes[0]!)).toMatchObject({ ok: false, reason: "invalid" });
    expect(await signInWithRecoveryCode(sam.row.email, renewed.recoveryCodes[0]!)).toMatchObject({ ok: true, used: "recovery_code" });
    expect(await signInWithRecoveryCode(sam.row.email, renewed.recoveryCodes[0]!)).toMatchObject({ ok: false, reason: "invalid" });
    expect(await auditKinds(sam.row.id)).toEqual(["staff.two_factor.enable", "staff.two_factor.recovery_codes.renew"]);
  });

  it("refuses to draw recovery codes for someone whose second factor is off", async () => {
    passwordHash ??= await hashPassword(PASSWORD);
    const row = await db().staffUser.create({ data: { email: "off@shop.test", name: "Off", roles: ["view_only"], passwordHash } });
    const result = await renewRecoveryCodes({ id: row.id, email: row.email, roles: row.roles, sessionId: "s", signedInAt: Date.now() }, { confirm: true });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/not on for your account/) });
    expect(await db().staffRecoveryCode.count()).toBe(0);
    expect(await db().staffAction.count()).toBe(0);
  });

  it("turns two-factor off after a recent confirmation: the password alone signs in again, the codes and the secret are gone", async () => {
    const sam = await addEnrolled();
    expect(await turnOffTwoFactor(sam.stale, { confirm: true })).toMatchObject({ ok: false, code: "step_up_required" });
    expect(await turnOffTwoFactor(sam.fresh, { confirm: "yes" })).toEqual({ ok: false, error: "Confirm that you want to turn off two-factor sign-in." });
    expect((await db().staffUser.findUniqueOrThrow({ where: { id: sam.row.id } })).totpEnabledAt).not.toBeNull();

    expect(await turnOffTwoFactor(sam.fresh, { confirm: true })).toMatchObject({ ok: true });
    const row = await db().staffUser.findUniqueOrThrow({ where: { id: sam.row.id } });
    expect(row).toMatchObject({ totpSecret: null, totpEnabledAt: null, totpLastStep: null });
    expect(await db().staffRecoveryCode.count({ where: { staffId: sam.row.id } })).toBe(0);
    expect(await signInStaff(sam.row.email, PASSWORD, new Date())).toMatchObject({ ok: true });
    expect(await turnOffTwoFactor(sam.fresh, { confirm: true })).toEqual({ ok: false, error: "Two-factor sign-in is already off for your account." });
    expect(await auditKinds(sam.row.id)).toEqual(["staff.two_factor.enable", "staff.two_factor.disable"]);
  });

  it("refuses to turn it off when the person's roles or the admin setting require it, and changes nothing", async () => {
    for (const persona of ["admin", "developer"] as const) {
      const person = await addEnrolled(persona);
      expect(await turnOffTwoFactor(person.fresh, { confirm: true })).toEqual({
        ok: false,
        error: "Your role needs two-factor sign-in (Administrators and Developers always do), so you cannot turn it off. If you lost your authenticator, ask another Administrator to reset it.",
      });
      expect((await db().staffUser.findUniqueOrThrow({ where: { id: person.row.id } })).totpEnabledAt).not.toBeNull();
    }
    const sam = await addEnrolled("agent");
    const admin = await db().staffUser.findUniqueOrThrow({ where: { email: "admin@shop.test" } });
    await setTwoFactorRequiredForAll({ id: admin.id }, { required: true });
    expect(await turnOffTwoFactor(sam.fresh, { confirm: true })).toEqual({
      ok: false, error: "An Administrator requires two-factor sign-in for everyone, so you cannot turn it off.",
    });
    const row = await db().staffUser.findUniqueOrThrow({ where: { id: sam.row.id } });
    expect(row.totpEnabledAt).not.toBeNull();
    expect(await db().staffRecoveryCode.count({ where: { staffId: sam.row.id } })).toBe(10);
    expect(await db().staffAction.count({ where: { kind: "staff.two_factor.disable" } })).toBe(0);
  });
});
