import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { hashPassword } from "./password";
import { signInStaff } from "./sign-in";
import { unlockStaffSignIn } from "./staff-admin";

const database = useTestDatabase();
const PASSWORD = "the owner's own password";
const OWNER = "owner@shop.test";
const HOME = "203.0.113.10";
const ATTACKERS = ["198.51.100.1", "198.51.100.2", "198.51.100.3", "2001:db8::66"];
const T0 = new Date("2026-12-06T10:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe("sign-in throttling per account and per address", () => {
  beforeEach(async () => {
    await database.truncateAll();
    const passwordHash = await hashPassword(PASSWORD);
    await db().staffUser.createMany({
      data: [
        { email: OWNER, name: "Owner", roles: ["administrator"], passwordHash },
        { email: "ada@shop.test", name: "Ada", roles: ["administrator"], passwordHash },
      ],
    });
  });

  it("lets the owner in from their own address while strangers fail the password from several others", async () => {
    expect((await signInStaff(OWNER, PASSWORD, at(0), undefined, HOME)).ok).toBe(true);
    for (let round = 0; round < 3; round++) {
      for (const address of ATTACKERS) await signInStaff(OWNER, `guess ${round}`, at(1), undefined, address);
    }
    // Strangers, and anyone at an address the account never signed in from, now wait.
    expect(await signInStaff(OWNER, PASSWORD, at(2), undefined, "192.0.2.44")).toMatchObject({ ok: false, reason: "throttled" });
    expect(await signInStaff(OWNER, "guess", at(2), undefined, ATTACKERS[0]!)).toMatchObject({ ok: false, reason: "throttled" });
    // The owner does not.
    expect(await signInStaff(OWNER, PASSWORD, at(2), undefined, HOME)).toMatchObject({ ok: true });
  });

  it("records one notice for the person when strangers lock their account", async () => {
    for (const [i, address] of [...ATTACKERS, ...ATTACKERS].entries()) await signInStaff(OWNER, `guess ${i}`, at(1), undefined, address);
    const owner = await db().staffUser.findUniqueOrThrow({ where: { email: OWNER } });
    const notices = await db().staffAction.findMany({ where: { kind: "staff.sign_in.throttled", objectId: owner.id } });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ actorId: owner.id, status: "succeeded", params: { address: ATTACKERS[0] } });
  });

  it("makes one address wait longer after each failure once its free tries are spent", async () => {
    expect((await signInStaff(OWNER, PASSWORD, at(0), undefined, HOME)).ok).toBe(true);
    for (let i = 0; i < 5; i++) expect(await signInStaff(OWNER, `typo ${i}`, at(1), undefined, HOME)).toEqual({ ok: false, reason: "invalid" });
    const waits: number[] = [];
    let now = at(1);
    for (let i = 0; i < 4; i++) {
      const answer = await signInStaff(OWNER, `typo again ${i}`, now, undefined, HOME);
      if (answer.ok || answer.reason !== "throttled") throw new Error(JSON.stringify(answer));
      waits.push((answer.retryAt.getTime() - now.getTime()) / 60_000);
      // Refused while waiting, even with the right password; checked again once the wait is over.
      expect(await signInStaff(OWNER, PASSWORD, new Date(answer.retryAt.getTime() - 1000), undefined, HOME)).toMatchObject({ reason: "throttled" });
      now = new Date(answer.retryAt.getTime() + 1000);
    }
    expect(waits).toEqual([1, 2, 4, 8]);
    expect((await signInStaff(OWNER, PASSWORD, now, undefined, HOME)).ok).toBe(true);
  });

  it("slows one address spraying many accounts, whoever they belong to", async () => {
    for (let i = 0; i < 20; i++) expect(await signInStaff(`user${i}@shop.test`, "Winter2026!", at(0), undefined, ATTACKERS[0]!)).toEqual({ ok: false, reason: "invalid" });
    expect(await signInStaff("user20@shop.test", "Winter2026!", at(0), undefined, ATTACKERS[0]!)).toMatchObject({ reason: "throttled" });
    expect(await signInStaff("user20@shop.test", "Winter2026!", at(0), undefined, ATTACKERS[1]!)).toEqual({ ok: false, reason: "invalid" });
  });

  it("lets an admin unlock the account for every address, audited", async () => {
    for (const [i, address] of [...ATTACKERS, ...ATTACKERS].entries()) await signInStaff(OWNER, `guess ${i}`, at(1), undefined, address);
    expect(await signInStaff(OWNER, PASSWORD, at(2), undefined, "192.0.2.44")).toMatchObject({ reason: "throttled" });
    const [owner, ada] = await Promise.all([OWNER, "ada@shop.test"].map((email) => db().staffUser.findUniqueOrThrow({ where: { email } })));
    expect(await unlockStaffSignIn(ada!, { staffId: owner!.id })).toMatchObject({ ok: true, message: "Owner can sign in again from anywhere." });
    expect(await signInStaff(OWNER, PASSWORD, at(2), undefined, "192.0.2.44")).toMatchObject({ ok: true });
    expect(await db().staffAction.count({ where: { kind: "staff.sign_in.unlock", objectId: owner!.id, actorId: ada!.id, status: "succeeded" } })).toBe(1);
  });
});
