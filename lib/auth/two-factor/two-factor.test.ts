import { Secret, TOTP } from "otpauth";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { checkPermission, staffForSession } from "../access";
import { SIGN_IN_ERROR } from "../messages";
import { authorizeSecondFactor, authorizeStaff } from "../options";
import { hashPassword } from "../password";
import { signInStaff } from "../sign-in";
import { CHALLENGE_ATTEMPTS } from "./challenge";
import { confirmEnrolment, enrolmentState } from "./enrolment";
import { isExemptDemoStaff, setTwoFactorRequiredForAll } from "./requirement";
import { openSecret, sealSecret } from "./secret-box";

const database = useTestDatabase();
const PASSWORD = "a long enough password";
const T0 = new Date("2026-12-07T10:00:00Z");
let passwordHash: string;

const codeAt = (secret: string, at: Date) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at.getTime() });
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

const PERSONA_ROLES = {
  admin: ["administrator"],
  developer: ["developer"],
  agent: ["support_specialist", "refund_analyst", "dispute_analyst"],
  viewer: ["view_only"],
} as const;

async function addStaff(email: string, persona: keyof typeof PERSONA_ROLES = "agent") {
  passwordHash ??= await hashPassword(PASSWORD);
  return db().staffUser.create({ data: { email, name: "Sam Staff", roles: [...PERSONA_ROLES[persona]], passwordHash } });
}

/** Enrols through the same functions as the page; returns the secret the page showed and the codes. */
async function enrol(staffId: string) {
  const state = await enrolmentState({ id: staffId });
  if (state.enrolled) throw new Error("already enrolled");
  const confirmed = await confirmEnrolment({ id: staffId }, { code: codeAt(state.secret, T0) }, T0);
  if (!confirmed.ok) throw new Error(confirmed.error);
  return { secret: state.secret, recoveryCodes: confirmed.recoveryCodes };
}

/** The password step through the credentials provider; returns the challenge it hands out. */
async function passwordStep(email: string, now: Date): Promise<string> {
  const thrown = await authorizeStaff({ email, password: PASSWORD }, now).then(
    (user) => { throw new Error(`a session was issued on the password alone: ${JSON.stringify(user)}`); },
    (error: Error) => error.message,
  );
  expect(thrown.startsWith(SIGN_IN_ERROR.secondFactorPrefix)).toBe(true);
  return thrown.slice(SIGN_IN_ERROR.secondFactorPrefix.length);
}

const refusal = (promise: Promise<unknown>) => promise.then(() => "issued a session", (error: Error) => error.message);

describe("two-factor sign-in", () => {
  beforeEach(() => database.truncateAll());

  it("keeps the secret sealed at rest and refuses a tampered or foreign seal", () => {
    const sealed = sealSecret("JBSWY3DPEHPK3PXP", "k".repeat(32));
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(openSecret(sealed, "k".repeat(32))).toBe("JBSWY3DPEHPK3PXP");
    expect(openSecret(sealed, "j".repeat(32))).toBeNull();
    const [v, iv, body, tag] = sealed.split(".");
    const flipped = body!.startsWith("A") ? `B${body!.slice(1)}` : `A${body!.slice(1)}`;
    expect(openSecret([v, iv, flipped, tag].join("."), "k".repeat(32))).toBeNull();
  });

  it("turns on only after a code from the shown secret, shows ten recovery codes once and stores only their hashes", async () => {
    const staff = await addStaff("sam@shop.test");
    const state = await enrolmentState({ id: staff.id });
    expect(state).toMatchObject({ enrolled: false, qrCode: expect.stringMatching(/^data:image\/svg\+xml;base64,/) });
    if (state.enrolled) return;
    expect(Buffer.from(state.qrCode.split(",")[1]!, "base64").toString()).toContain("<svg");
    // The same pending secret until it is confirmed, so a reload does not break a half-done scan.
    expect(await enrolmentState({ id: staff.id })).toMatchObject({ secret: state.secret });
    expect(await confirmEnrolment({ id: staff.id }, { code: "12345" }, T0)).toMatchObject({ ok: false, fieldErrors: { code: ["Enter the 6-digit code your app shows."] } });
    const wrong = String((Number(codeAt(state.secret, T0)) + 1) % 1_000_000).padStart(6, "0");
    expect(await confirmEnrolment({ id: staff.id }, { code: wrong }, T0)).toMatchObject({ ok: false });
    expect((await db().staffUser.findUniqueOrThrow({ where: { id: staff.id } })).totpEnabledAt).toBeNull();

    const confirmed = await confirmEnrolment({ id: staff.id }, { code: codeAt(state.secret, T0) }, T0);
    expect(confirmed).toMatchObject({ ok: true });
    if (!confirmed.ok) return;
    expect(confirmed.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.recoveryCodes).size).toBe(10);
    const row = await db().staffUser.findUniqueOrThrow({ where: { id: staff.id } });
    expect(row.totpEnabledAt).toEqual(T0);
    expect(row.totpSecret).not.toContain(state.secret);
    const stored = await db().staffRecoveryCode.findMany({ where: { staffId: staff.id } });
    expect(stored).toHaveLength(10);
    for (const code of confirmed.recoveryCodes) {
      expect(stored.some((r) => r.codeHash.includes(code.replace(/-/g, "")))).toBe(false);
    }
    // Once on, the secret is never handed out again.
    expect(await enrolmentState({ id: staff.id })).toEqual({ enrolled: true, since: T0 });
  });

  it("gives no session for the password alone; the code completes it, and the same code is refused after", async () => {
    const staff = await addStaff("sam@shop.test");
    const { secret } = await enrol(staff.id);
    const at = later(60);
    expect(await signInStaff("sam@shop.test", PASSWORD, at)).toMatchObject({ ok: false, reason: "second_factor_required" });
    expect((await db().staffUser.findUniqueOrThrow({ where: { id: staff.id } })).lastSignInAt).toBeNull();

    const challenge = await passwordStep("sam@shop.test", at);
    const code = codeAt(secret, at);
    expect(await authorizeSecondFactor({ challenge, code }, at)).toMatchObject({ id: staff.id, roles: ["support_specialist", "refund_analyst", "dispute_analyst"], sessionVersion: 0 });
    expect((await db().staffUser.findUniqueOrThrow({ where: { id: staff.id } })).lastSignInAt).toEqual(at);
    // The challenge is spent, and the code's time step too, even in a fresh challenge.
    expect(await refusal(authorizeSecondFactor({ challenge, code }, at))).toBe(SIGN_IN_ERROR.challengeExpired);
    const again = await passwordStep("sam@shop.test", later(61));
    expect(await refusal(authorizeSecondFactor({ challenge: again, code }, later(61)))).toBe(SIGN_IN_ERROR.wrongCode);
    // An earlier step's code, still inside the drift window, is refused once a later one was used.
    expect(await refusal(authorizeSecondFactor({ challenge: again, code: codeAt(secret, later(30)) }, later(61)))).toBe(SIGN_IN_ERROR.wrongCode);
    expect(await authorizeSecondFactor({ challenge: again, code: codeAt(secret, later(90)) }, later(90))).toMatchObject({ id: staff.id });
  });

  it("accepts each recovery code once, and refuses an altered or made-up one", async () => {
    const staff = await addStaff("sam@shop.test");
    const { recoveryCodes } = await enrol(staff.id);
    const [first, second] = recoveryCodes as [string, string];
    const challenge = await passwordStep("sam@shop.test", later(60));
    // Dashes, spaces and case do not matter.
    expect(await authorizeSecondFactor({ challenge, code: ` ${first.toLowerCase().replace(/-/g, " ")} ` }, later(60))).toMatchObject({ id: staff.id });

    const next = await passwordStep("sam@shop.test", later(61));
    expect(await refusal(authorizeSecondFactor({ challenge: next, code: first }, later(61)))).toBe(SIGN_IN_ERROR.wrongCode);
    const altered = `${second.slice(0, -1)}${second.endsWith("A") ? "B" : "A"}`;
    expect(await refusal(authorizeSecondFactor({ challenge: next, code: altered }, later(61)))).toBe(SIGN_IN_ERROR.wrongCode);
    expect(await refusal(authorizeSecondFactor({ challenge: next, code: "AAAA-AAAA-AAAA-AAAA" }, later(61)))).toBe(SIGN_IN_ERROR.wrongCode);
    expect(await authorizeSecondFactor({ challenge: next, code: second }, later(61))).toMatchObject({ id: staff.id });
    expect(await db().staffRecoveryCode.count({ where: { staffId: staff.id, usedAt: null } })).toBe(8);
  });

  it("refuses a forged, expired or worn-out challenge", async () => {
    const staff = await addStaff("sam@shop.test");
    const { secret } = await enrol(staff.id);
    const challenge = await passwordStep("sam@shop.test", later(60));
    const forged = `${challenge.slice(0, -1)}${challenge.endsWith("A") ? "B" : "A"}`;
    expect(await refusal(authorizeSecondFactor({ challenge: forged, code: codeAt(secret, later(60)) }, later(60)))).toBe(SIGN_IN_ERROR.challengeExpired);
    expect(await refusal(authorizeSecondFactor({ challenge, code: codeAt(secret, later(400)) }, later(400)))).toBe(SIGN_IN_ERROR.challengeExpired);

    const worn = await passwordStep("sam@shop.test", later(500));
    for (let i = 0; i < CHALLENGE_ATTEMPTS; i++) {
      expect(await refusal(authorizeSecondFactor({ challenge: worn, code: "000000" }, later(500)))).not.toBe(SIGN_IN_ERROR.challengeExpired);
    }
    expect(await refusal(authorizeSecondFactor({ challenge: worn, code: codeAt(secret, later(500)) }, later(500)))).toBe(SIGN_IN_ERROR.challengeExpired);
  });

  it("holds back a person after repeated wrong codes with the sign-in back-off, even against the right code", async () => {
    const staff = await addStaff("sam@shop.test");
    const { secret } = await enrol(staff.id);
    const at = later(60);
    const wrong = String((Number(codeAt(secret, at)) + 500_000) % 1_000_000).padStart(6, "0");
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const challenge = await passwordStep("sam@shop.test", at);
      outcomes.push(await refusal(authorizeSecondFactor({ challenge, code: wrong }, at, "203.0.113.9")));
    }
    expect(outcomes.slice(0, 5)).toEqual(Array(5).fill(SIGN_IN_ERROR.wrongCode));
    expect(outcomes[5]).toMatch(/^TooManyAttempts:/);
    // From another address too: the count is the person's, since a code has only a million values.
    const challenge = await passwordStep("sam@shop.test", at);
    expect(await refusal(authorizeSecondFactor({ challenge, code: codeAt(secret, at) }, at, "198.51.100.7"))).toMatch(/^TooManyAttempts:/);
    const afterWait = later(60 + 61);
    const fresh = await passwordStep("sam@shop.test", afterWait);
    expect(await authorizeSecondFactor({ challenge: fresh, code: codeAt(secret, afterWait) }, afterWait, "198.51.100.7")).toMatchObject({ id: staff.id });
  });
});

describe("who must enrol", () => {
  beforeEach(() => database.truncateAll());
  const claim = (staffId: string) => ({ staffId, signedInAt: Date.now(), sessionVersion: 0 });

  it("sends an admin without a second factor to enrol before anything else, and lets others through", async () => {
    const admin = await addStaff("ada@shop.test", "admin");
    const viewer = await addStaff("vic@shop.test", "viewer");
    expect(checkPermission(await staffForSession(claim(admin.id)), "dashboard.read")).toMatchObject({ ok: false, reason: "two_factor_enrolment_required" });
    expect(checkPermission(await staffForSession(claim(admin.id)), "dashboard.read", { beforeTwoFactor: true })).toMatchObject({ ok: true });
    expect(checkPermission(await staffForSession(claim(viewer.id)), "dashboard.read")).toMatchObject({ ok: true });
    await enrol(admin.id);
    expect(checkPermission(await staffForSession(claim(admin.id)), "dashboard.read")).toMatchObject({ ok: true });
  });

  it("sends a Developer without a second factor to enrol too, and anyone holding Administrator among other roles", async () => {
    const developer = await addStaff("dev@shop.test", "developer");
    expect(checkPermission(await staffForSession(claim(developer.id)), "dashboard.read")).toMatchObject({ ok: false, reason: "two_factor_enrolment_required" });
    const mixed = await db().staffUser.create({ data: { email: "mix@shop.test", name: "Mix", roles: ["administrator", "view_only"], passwordHash: "unused" } });
    expect(checkPermission(await staffForSession(claim(mixed.id)), "dashboard.read")).toMatchObject({ ok: false, reason: "two_factor_enrolment_required" });
    const analyst = await db().staffUser.create({ data: { email: "ana@shop.test", name: "Ana", roles: ["analyst", "refund_analyst"], passwordHash: "unused" } });
    expect(checkPermission(await staffForSession(claim(analyst.id)), "dashboard.read")).toMatchObject({ ok: true });
  });

  it("sends everyone once an admin requires it for all, and records who changed it", async () => {
    const admin = await addStaff("ada@shop.test", "admin");
    const viewer = await addStaff("vic@shop.test", "viewer");
    expect(await setTwoFactorRequiredForAll(admin, { required: "maybe" })).toEqual({ ok: false, error: "Choose on or off." });
    expect(checkPermission(await staffForSession(claim(viewer.id)), "dashboard.read")).toMatchObject({ ok: true });
    expect(await setTwoFactorRequiredForAll(admin, { required: "true" })).toMatchObject({ ok: true });
    expect(checkPermission(await staffForSession(claim(viewer.id)), "dashboard.read")).toMatchObject({ ok: false, reason: "two_factor_enrolment_required" });
    expect(await db().staffAction.findFirst({ where: { kind: "settings.two_factor_for_all.change" } })).toMatchObject({ actorId: admin.id, outcome: { from: false, to: true } });
  });

  it("exempts the demo staff only while the app talks to the emulator", () => {
    expect(isExemptDemoStaff("admin@ledgerline.test", "emulator")).toBe(true);
    expect(isExemptDemoStaff("admin@ledgerline.test", "test")).toBe(false);
    expect(isExemptDemoStaff("admin@ledgerline.test", "live")).toBe(false);
    expect(isExemptDemoStaff("ada@shop.test", "emulator")).toBe(false);
  });
});

describe("an admin's reset of someone's second factor", () => {
  beforeEach(() => database.truncateAll());

  it("removes the secret and recovery codes, ends their sessions and sends an admin back to enrol; never one's own", async () => {
    const { resetStaffTwoFactor } = await import("./reset");
    const ada = await addStaff("ada@shop.test", "admin");
    const bob = await db().staffUser.create({ data: { email: "bob@shop.test", name: "Bob", roles: ["administrator"], passwordHash: "unused" } });
    await enrol(bob.id);
    expect(await resetStaffTwoFactor(ada, { staffId: "nobody" })).toEqual({ ok: false, error: "Unknown staff member." });
    expect(await resetStaffTwoFactor(ada, { staffId: ada.id })).toEqual({ ok: false, error: "You cannot remove your own second factor: ask another admin." });
    expect(await resetStaffTwoFactor(ada, { staffId: bob.id })).toMatchObject({ ok: true });
    const row = await db().staffUser.findUniqueOrThrow({ where: { id: bob.id } });
    expect(row).toMatchObject({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, sessionVersion: 1 });
    expect(await db().staffRecoveryCode.count({ where: { staffId: bob.id } })).toBe(0);
    expect(await staffForSession({ staffId: bob.id, signedInAt: Date.now(), sessionVersion: 0 })).toBeNull();
    expect(checkPermission(await staffForSession({ staffId: bob.id, signedInAt: Date.now(), sessionVersion: 1 }), "dashboard.read")).toMatchObject({ reason: "two_factor_enrolment_required" });
    expect(await resetStaffTwoFactor(ada, { staffId: bob.id })).toEqual({ ok: false, error: "Bob has no second factor to remove." });
    expect(await db().staffAction.count({ where: { kind: "staff.two_factor.reset", actorId: ada.id } })).toBe(1);
  });
});
