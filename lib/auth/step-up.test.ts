import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { enrolStaff, totpCodeAt } from "@/tests/support/two-factor";
import { hashPassword } from "./password";
import { confirmIdentity, refundStepUpRefusal, setRefundStepUpThreshold, setStepUpWindow, stepUpRefusal } from "./step-up";

const database = useTestDatabase();
const PASSWORD = "a long enough password";
const NOW = new Date("2026-12-07T10:00:00Z");
const minutesAgo = (m: number) => NOW.getTime() - m * 60_000;
let passwordHash: string;

async function addStaff(role: "admin" | "agent" = "admin") {
  passwordHash ??= await hashPassword(PASSWORD);
  const roles = role === "admin" ? (["administrator"] as const) : (["support_specialist", "refund_analyst", "dispute_analyst"] as const);
  const row = await db().staffUser.create({ data: { email: `${role}@shop.test`, name: "Ada", roles: [...roles], passwordHash, locale: "en-US" } });
  return row;
}
const session = (id: string, signedInAt: number, sessionId = "laptop") => ({ id, sessionId, signedInAt });

describe("step-up for high-risk actions", () => {
  beforeEach(() => database.truncateAll());

  it("lets a session signed in within the window through, and refuses an older one until it confirms", async () => {
    const ada = await addStaff();
    expect(await stepUpRefusal(session(ada.id, minutesAgo(9)), NOW)).toBeNull();
    const old = session(ada.id, minutesAgo(11));
    expect(await stepUpRefusal(old, NOW)).toEqual({
      ok: false, code: "step_up_required",
      error: "This needs you to confirm it is you (you last did over 10 minutes ago). Confirm with your password or a code, then try again. Nothing was changed.",
    });
    expect(await confirmIdentity(old, { secret: "not my password" }, NOW)).toEqual({ ok: false, error: "That is not your password." });
    expect(await stepUpRefusal(old, NOW)).not.toBeNull();
    expect(await confirmIdentity(old, { secret: PASSWORD }, NOW)).toMatchObject({ ok: true });
    expect(await stepUpRefusal(old, NOW)).toBeNull();
    // The proof is this session's: another browser of the same person still has to give its own.
    expect(await stepUpRefusal(session(ada.id, minutesAgo(11), "phone"), NOW)).not.toBeNull();
    // And it ages like a sign-in.
    expect(await stepUpRefusal(old, new Date(NOW.getTime() + 11 * 60_000))).not.toBeNull();
  });

  it("takes a code instead of the password from someone enrolled, once per code", async () => {
    const ada = await addStaff();
    const { secret } = await enrolStaff(ada.id);
    const at = new Date(Date.now() + 3_600_000);
    const old = session(ada.id, at.getTime() - 60 * 60_000);
    expect(await confirmIdentity(old, { secret: totpCodeAt(secret, at) }, at)).toMatchObject({ ok: true });
    expect(await stepUpRefusal(old, at)).toBeNull();
    const other = session(ada.id, at.getTime() - 60 * 60_000, "phone");
    expect(await confirmIdentity(other, { secret: totpCodeAt(secret, at) }, at)).toEqual({ ok: false, error: "That code is wrong or was already used." });
    expect(await stepUpRefusal(other, at)).not.toBeNull();
  });

  it("holds back repeated wrong passwords, even the right one while it waits", async () => {
    const ada = await addStaff();
    const old = session(ada.id, minutesAgo(60));
    for (let i = 0; i < 5; i++) expect(await confirmIdentity(old, { secret: `guess ${i}` }, NOW)).toMatchObject({ ok: false, error: "That is not your password." });
    await confirmIdentity(old, { secret: "guess 6" }, NOW);
    expect(await confirmIdentity(old, { secret: PASSWORD }, NOW)).toEqual({ ok: false, error: "Too many wrong answers. Wait 1 minute, then try again." });
    expect(await stepUpRefusal(old, NOW)).not.toBeNull();
    expect(await confirmIdentity(old, { secret: "" }, NOW)).toEqual({ ok: false, error: "Enter your password or a code." });
  });

  it("asks for it on refunds above the currency's amount, and on every refund in a currency without one", async () => {
    const ada = await addStaff();
    const old = session(ada.id, minutesAgo(60));
    expect(await refundStepUpRefusal(old, 100_000n, "usd", NOW)).toBeNull();
    expect(await refundStepUpRefusal(old, 100_001n, "usd", NOW)).toMatchObject({ code: "step_up_required" });
    expect(await refundStepUpRefusal(old, 1n, "sek", NOW)).toMatchObject({ code: "step_up_required" });
    expect(await refundStepUpRefusal(session(ada.id, minutesAgo(1)), 10_000_000n, "usd", NOW)).toBeNull();

    expect(await setRefundStepUpThreshold(ada, { currency: "usd", amount: "50.5.5" })).toMatchObject({ ok: false });
    expect(await setRefundStepUpThreshold(ada, { currency: "usd", amount: "50.00" })).toEqual({ ok: true, message: "USD refunds above $50.00 now need a recent confirmation." });
    expect(await refundStepUpRefusal(old, 5_001n, "usd", NOW)).toMatchObject({ code: "step_up_required" });
    expect(await refundStepUpRefusal(old, 5_000n, "usd", NOW)).toBeNull();
  });

  it("lets an admin set the window, refusing anything but whole minutes, audited", async () => {
    const ada = await addStaff();
    for (const bad of ["0", "-5", "1.5", "1e1", "ten", "721", ""]) {
      expect(await setStepUpWindow(ada, bad)).toEqual({ ok: false, error: "Enter a whole number of minutes from 1 to 720." });
    }
    expect(await db().setting.count()).toBe(0);
    expect(await setStepUpWindow(ada, "30")).toMatchObject({ ok: true });
    expect(await stepUpRefusal(session(ada.id, minutesAgo(25)), NOW)).toBeNull();
    expect(await db().staffAction.findFirst({ where: { kind: "settings.step_up.change" } })).toMatchObject({ actorId: ada.id, params: { windowMinutes: 30 } });
  });
});
