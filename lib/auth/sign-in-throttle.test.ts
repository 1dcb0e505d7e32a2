import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { SIGN_IN_ERROR, signInErrorMessage, throttledCode } from "./messages";
import { authorizeStaff } from "./options";
import { hashPassword } from "./password";
import { signInStaff } from "./sign-in";
import { FAILURE_MEMORY_MS, FAILURES_BEFORE_LOCK, lockDurationMs } from "./sign-in-throttle";

const database = useTestDatabase();
const PASSWORD = "a long enough password";
const STAFF = "sam@shop.test";
const UNKNOWN = "nobody@shop.test";
const T0 = new Date("2026-11-27T10:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
let passwordHash: string;

async function addStaff(email: string) {
  passwordHash ??= await hashPassword(PASSWORD);
  return db().staffUser.create({ data: { email, name: "Sam Staff", roles: ["support_specialist", "refund_analyst", "dispute_analyst"], passwordHash } });
}

/** What the sign-in page gets back: the next-auth error code and the sentence shown for it. */
async function pageAnswer(email: string, password: string, now: Date) {
  try {
    const staff = await authorizeStaff({ email, password }, now);
    return staff ? { signedIn: staff.email } : { code: SIGN_IN_ERROR.invalid, message: signInErrorMessage(SIGN_IN_ERROR.invalid, now.getTime()) };
  } catch (error) {
    const code = (error as Error).message;
    return { code, message: signInErrorMessage(code, now.getTime()) };
  }
}

async function failFiveTimes(email: string, now: Date) {
  for (let i = 0; i < FAILURES_BEFORE_LOCK; i++) await signInStaff(email, `wrong ${i}`, now);
}

describe("sign-in throttling, staff email or not", () => {
  beforeEach(async () => {
    await database.truncateAll();
    await addStaff(STAFF);
  });

  it("answers the 6th try on an unknown email exactly as on a throttled staff email", async () => {
    await failFiveTimes(STAFF, T0);
    await failFiveTimes(UNKNOWN, T0);

    const throttled = { ok: false, reason: "throttled", retryAt: minutes(15) };
    // The staff member's right password is refused too while the lock holds.
    expect(await signInStaff(STAFF, PASSWORD, minutes(1))).toEqual(throttled);
    expect(await signInStaff(UNKNOWN, PASSWORD, minutes(1))).toEqual(throttled);

    const expected = { code: throttledCode(minutes(15)), message: "Too many failed sign-ins. Wait 14 minutes, then try again." };
    expect(await pageAnswer(STAFF, PASSWORD, minutes(1))).toEqual(expected);
    expect(await pageAnswer(UNKNOWN, PASSWORD, minutes(1))).toEqual(expected);
  });

  it("gives a staff email and an unknown one the same answers, attempt by attempt, through locks, doubling and forgetting", async () => {
    const forgottenAt = minutes(107 + FAILURE_MEMORY_MS / 60_000 + 1);
    const attempts: Date[] = [
      ...Array.from({ length: 5 }, () => minutes(0)), // 5th failure: locked until 0:15
      minutes(5), // locked
      minutes(16), // 6th failure: locked for 30 minutes, until 0:46
      minutes(47), // 7th: an hour, until 1:47
      forgottenAt, // a day after the lock ended: forgotten, the count starts again
      ...Array.from({ length: 4 }, () => forgottenAt), // 5th failure of the new run: 15 minutes
    ];
    const staffAnswers = [];
    const unknownAnswers = [];
    for (const [i, now] of attempts.entries()) {
      staffAnswers.push(await pageAnswer(STAFF, `wrong ${i}`, now));
      unknownAnswers.push(await pageAnswer(UNKNOWN, `wrong ${i}`, now));
    }

    expect(unknownAnswers).toEqual(staffAnswers);
    const invalid = { code: SIGN_IN_ERROR.invalid, message: "Wrong email or password." };
    const lockedUntil = (until: Date) => expect.objectContaining({ code: throttledCode(until) });
    expect(staffAnswers).toEqual([
      invalid, invalid, invalid, invalid, lockedUntil(minutes(15)),
      lockedUntil(minutes(15)),
      lockedUntil(minutes(46)),
      lockedUntil(minutes(107)),
      invalid, invalid, invalid, invalid, lockedUntil(new Date(forgottenAt.getTime() + 15 * 60_000)),
    ]);
  });

  it("lets an unknown email's lock pass, counting on from where it stopped, and forgets it a day later", async () => {
    await failFiveTimes(UNKNOWN, T0);
    expect(await signInStaff(UNKNOWN, "wrong", new Date(minutes(15).getTime() - 1000))).toEqual({
      ok: false, reason: "throttled", retryAt: minutes(15),
    });

    // Past the lock the attempt is checked again; being the 6th failure, it locks for twice as long.
    const afterLock = new Date(minutes(15).getTime() + 1000);
    expect(await signInStaff(UNKNOWN, "wrong", afterLock)).toEqual({
      ok: false, reason: "throttled", retryAt: new Date(afterLock.getTime() + 30 * 60_000),
    });
    const row = await db().signInThrottle.findUniqueOrThrow({ where: { email: UNKNOWN } });
    expect(row.failedCount).toBe(6);
    expect(row.expiresAt).toEqual(new Date(afterLock.getTime() + 30 * 60_000 + FAILURE_MEMORY_MS));

    const forgotten = new Date(row.expiresAt.getTime() + 1000);
    expect(await signInStaff(UNKNOWN, "wrong", forgotten)).toEqual({ ok: false, reason: "invalid" });
    expect(await db().signInThrottle.findUniqueOrThrow({ where: { email: UNKNOWN } })).toMatchObject({
      failedCount: 1, lockedUntil: null,
    });
  });

  it("forgets a staff account's failures on the same schedule, and clears them on a sign-in", async () => {
    const staff = await db().staffUser.findUniqueOrThrow({ where: { email: STAFF } });
    for (let i = 0; i < FAILURES_BEFORE_LOCK - 1; i++) await signInStaff(STAFF, "wrong", T0);
    const dayLater = new Date(T0.getTime() + FAILURE_MEMORY_MS + 1000);
    expect(await signInStaff(STAFF, "wrong", dayLater)).toEqual({ ok: false, reason: "invalid" });
    expect(await db().staffUser.findUniqueOrThrow({ where: { id: staff.id } })).toMatchObject({
      failedSignInCount: 1, lockedUntil: null, failuresExpireAt: new Date(dayLater.getTime() + FAILURE_MEMORY_MS),
    });

    expect((await signInStaff(STAFF, PASSWORD, dayLater)).ok).toBe(true);
    expect(await db().staffUser.findUniqueOrThrow({ where: { id: staff.id } })).toMatchObject({
      failedSignInCount: 0, lockedUntil: null, failuresExpireAt: null,
    });
  });

  it("counts concurrent failures on an unknown email without losing any", async () => {
    await Promise.all(Array.from({ length: 3 }, () => signInStaff(UNKNOWN, "wrong", T0)));
    expect((await db().signInThrottle.findUniqueOrThrow({ where: { email: UNKNOWN } })).failedCount).toBe(3);
  });

  it("stores unknown emails normalised, so case and spaces do not buy more tries", async () => {
    for (const spelling of ["Nobody@Shop.test", " nobody@shop.test", "NOBODY@SHOP.TEST ", "nobody@shop.TEST", "nobody@shop.test"]) {
      await signInStaff(spelling, "wrong", T0);
    }
    expect(await signInStaff("NoBody@shop.test", "wrong", minutes(1))).toMatchObject({ reason: "throttled" });
    expect(await db().signInThrottle.findMany({ select: { email: true } })).toEqual([{ email: UNKNOWN }]);
  });

  it("prunes forgotten rows for unknown emails, a bounded batch with each failure, and keeps live ones", async () => {
    const dead = new Date(T0.getTime() - 1000);
    await db().signInThrottle.createMany({
      data: Array.from({ length: 150 }, (_, i) => ({ email: `gone${i}@shop.test`, failedCount: 1, expiresAt: dead })),
    });
    await signInStaff("live@shop.test", "wrong", minutes(-60));

    await signInStaff(UNKNOWN, "wrong", T0);
    expect(await db().signInThrottle.count()).toBe(50 + 2);
    // A staff email's failure prunes as well: it takes the same steps as any other.
    await signInStaff(STAFF, "wrong", T0);
    const left = await db().signInThrottle.findMany({ select: { email: true }, orderBy: { email: "asc" } });
    expect(left).toEqual([{ email: "live@shop.test" }, { email: UNKNOWN }]);
  });
});

describe("lockDurationMs", () => {
  it("grows from 15 minutes and stops at a day", () => {
    expect(lockDurationMs(4)).toBe(0);
    expect(lockDurationMs(5)).toBe(15 * 60_000);
    expect(lockDurationMs(6)).toBe(30 * 60_000);
    expect(lockDurationMs(7)).toBe(60 * 60_000);
    expect(lockDurationMs(40)).toBe(24 * 60 * 60_000);
  });
});
