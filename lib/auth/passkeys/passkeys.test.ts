import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { SoftwarePasskey } from "@/tests/support/software-passkey";
import { authorizeSecondFactor, authorizeStaff } from "../options";
import { SIGN_IN_ERROR } from "../messages";
import { hashPassword } from "../password";
import { confirmIdentity, stepUpRefusal } from "../step-up";
import { staffForSession } from "../access";
import { passkeyOptionsForChallenge } from "../two-factor/challenge";
import { WEBAUTHN_CHALLENGE_TTL_MS } from "./challenges";
import { authenticationOptions, listPasskeys, registerPasskey, registrationOptions, removePasskey, verifyPasskeyAssertion } from "./passkeys";
import { relyingParty } from "./relying-party";

// The relying party is NEXTAUTH_URL's site; read once, before the first configuration is built.
process.env.NEXTAUTH_URL = "https://dashboard.shop.test";
const database = useTestDatabase();
const PASSWORD = "a long enough password";
const ORIGIN = "https://dashboard.shop.test";
let passwordHash: string;

async function addStaff(email = "sam@shop.test", roles: ("support_specialist" | "administrator")[] = ["support_specialist"]) {
  passwordHash ??= await hashPassword(PASSWORD);
  return db().staffUser.create({ data: { email, name: "Sam", roles, passwordHash } });
}

/** Registers a software passkey through the same functions as Settings. */
async function withPasskey(staff: { id: string; email: string; name: string }) {
  const key = new SoftwarePasskey("dashboard.shop.test", ORIGIN);
  const options = await registrationOptions(staff);
  if (!options.ok) throw new Error(options.error);
  expect(options.options.rp).toEqual({ id: "dashboard.shop.test", name: expect.any(String) });
  const registered = await registerPasskey(staff, { name: "Work laptop", response: key.register(options.options.challenge) });
  expect(registered).toMatchObject({ ok: true });
  return key;
}

async function stepUpChallenge(staffId: string, now = new Date()) {
  const options = await authenticationOptions(staffId, "step_up", now);
  if (!options.ok) throw new Error(options.error);
  return options.options.challenge;
}

describe("passkeys as a second factor", () => {
  beforeEach(() => database.truncateAll());

  it("takes its relying party from NEXTAUTH_URL and stays off without one, or with an IP address browsers would refuse", () => {
    expect(relyingParty("https://dashboard.shop.test:8443/x", "Shop")).toEqual({ rpID: "dashboard.shop.test", origin: "https://dashboard.shop.test:8443", rpName: "Shop" });
    expect(relyingParty(null, "Shop")).toBeNull();
    expect(relyingParty("http://localhost:3000", "Shop")).toMatchObject({ rpID: "localhost", origin: "http://localhost:3000" });
    // Browsers refuse an IP address as RP ID.
    expect(relyingParty("http://127.0.0.1:3000", "Shop")).toBeNull();
    expect(relyingParty("http://[::1]:3000", "Shop")).toBeNull();
  });

  it("registers a passkey once per challenge, from this origin only, and audits it", async () => {
    const sam = await addStaff();
    const key = new SoftwarePasskey("dashboard.shop.test", ORIGIN);
    const first = await registrationOptions(sam);
    if (!first.ok) throw new Error(first.error);
    expect(await registerPasskey(sam, { name: "Phished", response: key.register(first.options.challenge, { origin: "https://dashboard.shop.test.evil.example" }) }))
      .toEqual({ ok: false, error: "The passkey could not be verified. Nothing was saved." });
    // The refused answer spent the challenge: the right answer to it is now refused too.
    expect(await registerPasskey(sam, { name: "Laptop", response: key.register(first.options.challenge) }))
      .toEqual({ ok: false, error: "That passkey request has expired or was already used. Start again." });
    expect(await registerPasskey(sam, { name: "", response: key.register(first.options.challenge) })).toMatchObject({ ok: false, error: "Name the passkey, e.g. \"Work laptop\"." });
    expect(await db().staffPasskey.count()).toBe(0);
    const second = await registrationOptions(sam);
    if (!second.ok) throw new Error(second.error);
    expect(await registerPasskey(sam, { name: "Laptop", response: key.register(second.options.challenge) })).toMatchObject({ ok: true });
    expect((await listPasskeys(sam.id)).map((p) => p.name)).toEqual(["Laptop"]);
    expect((await db().staffAction.findMany()).map((a) => a.kind)).toEqual(["staff.passkey.add"]);

    // Another person cannot register a credential id already taken (it names Sam's passkey).
    const kim = await addStaff("kim@shop.test");
    const impostor = Object.assign(new SoftwarePasskey("dashboard.shop.test", ORIGIN), { credentialId: key.credentialId });
    const kims = await registrationOptions(kim);
    if (!kims.ok) throw new Error(kims.error);
    expect(await registerPasskey(kim, { name: "Copy", response: impostor.register(kims.options.challenge) })).toEqual({ ok: false, error: "This passkey is already registered." });
    expect(await db().staffPasskey.count()).toBe(1);
  });

  it("refuses a wrong origin, a wrong RP ID, an expired or reused challenge, another person's challenge and an unknown credential", async () => {
    const sam = await addStaff();
    const other = await addStaff("kim@shop.test");
    const key = await withPasskey(sam);
    const now = new Date();

    expect(await verifyPasskeyAssertion(sam.id, "step_up", key.assert(await stepUpChallenge(sam.id), { origin: "https://evil.example" }), now)).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyPasskeyAssertion(sam.id, "step_up", key.assert(await stepUpChallenge(sam.id), { rpID: "evil.example" }), now)).toEqual({ ok: false, reason: "invalid" });
    const stranger = new SoftwarePasskey("dashboard.shop.test", ORIGIN);
    expect(await verifyPasskeyAssertion(sam.id, "step_up", stranger.assert(await stepUpChallenge(sam.id)), now)).toEqual({ ok: false, reason: "invalid" });

    const late = await stepUpChallenge(sam.id, now);
    expect(await verifyPasskeyAssertion(sam.id, "step_up", key.assert(late), new Date(now.getTime() + WEBAUTHN_CHALLENGE_TTL_MS + 1))).toEqual({ ok: false, reason: "expired" });
    // Bound to the person and the purpose it was handed out for.
    const kims = await db().webAuthnChallenge.create({ data: { challenge: "A".repeat(43), staffId: other.id, purpose: "step_up", expiresAt: new Date(now.getTime() + 60_000) } });
    expect(await verifyPasskeyAssertion(sam.id, "step_up", key.assert(kims.challenge), now)).toEqual({ ok: false, reason: "expired" });
    const forSignIn = await stepUpChallenge(sam.id, now);
    expect(await verifyPasskeyAssertion(sam.id, "sign_in", key.assert(forSignIn), now)).toEqual({ ok: false, reason: "expired" });

    const challenge = await stepUpChallenge(sam.id, now);
    const answer = key.assert(challenge);
    expect(await verifyPasskeyAssertion(sam.id, "step_up", answer, now)).toMatchObject({ ok: true });
    expect(await verifyPasskeyAssertion(sam.id, "step_up", answer, now)).toEqual({ ok: false, reason: "expired" });
    expect(await verifyPasskeyAssertion(sam.id, "step_up", { id: "x" }, now)).toEqual({ ok: false, reason: "invalid" });
  });

  it("keeps one live challenge per person and purpose, however often options are asked for", async () => {
    const sam = await addStaff();
    const key = await withPasskey(sam);
    const challenges: string[] = [];
    for (let i = 0; i < 30; i++) challenges.push(await stepUpChallenge(sam.id));
    expect(await db().webAuthnChallenge.count({ where: { staffId: sam.id, purpose: "step_up" } })).toBe(1);
    expect(await verifyPasskeyAssertion(sam.id, "step_up", key.assert(challenges[0]!))).toEqual({ ok: false, reason: "expired" });
    expect(await verifyPasskeyAssertion(sam.id, "step_up", key.assert(challenges.at(-1)!))).toMatchObject({ ok: true });
  });

  it("refuses an assertion whose counter did not move (a cloned authenticator)", async () => {
    const sam = await addStaff();
    const key = await withPasskey(sam);
    expect(await verifyPasskeyAssertion(sam.id, "step_up", key.assert(await stepUpChallenge(sam.id)))).toMatchObject({ ok: true });
    expect(await verifyPasskeyAssertion(sam.id, "step_up", key.assert(await stepUpChallenge(sam.id)))).toMatchObject({ ok: true });
    expect((await db().staffPasskey.findFirstOrThrow()).counter).toBe(2n);
    // The clone copied the key at counter 1 and signs with 2 again.
    expect(await verifyPasskeyAssertion(sam.id, "step_up", key.assert(await stepUpChallenge(sam.id), { counter: 2 }))).toEqual({ ok: false, reason: "invalid" });
    expect((await db().staffPasskey.findFirstOrThrow()).counter).toBe(2n);
  });

  it("asks for the passkey after the password, issues a session for its assertion, and counts it as a second factor", async () => {
    const admin = await addStaff("ada@shop.test", ["administrator"]);
    // An Administrator without a second factor owes one; a passkey settles it.
    expect((await staffForSession({ staffId: admin.id, signedInAt: Date.now(), sessionVersion: 0 }))?.twoFactorOwed).toBe(true);
    const key = await withPasskey(admin);
    expect((await staffForSession({ staffId: admin.id, signedInAt: Date.now(), sessionVersion: 0 }))?.twoFactorOwed).toBe(false);

    const thrown = await authorizeStaff({ email: admin.email, password: PASSWORD }).then(() => "session on the password alone", (e: Error) => e.message);
    expect(thrown.startsWith(SIGN_IN_ERROR.secondFactorPrefix)).toBe(true);
    const challenge = thrown.slice(SIGN_IN_ERROR.secondFactorPrefix.length);
    const options = await passkeyOptionsForChallenge(challenge, new Date());
    if (!options.ok) throw new Error(options.error);
    expect(options.options.allowCredentials?.map((c) => c.id)).toEqual([key.credentialId]);
    const refused = await authorizeSecondFactor({ challenge, passkey: JSON.stringify(key.assert(options.options.challenge, { origin: "https://evil.example" })) }).catch((e: Error) => e.message);
    expect(refused).toBe(SIGN_IN_ERROR.passkeyRefused);
    const again = await passkeyOptionsForChallenge(challenge, new Date());
    if (!again.ok) throw new Error(again.error);
    expect(await authorizeSecondFactor({ challenge, passkey: JSON.stringify(key.assert(again.options.challenge)) })).toMatchObject({ id: admin.id });
    expect(await passkeyOptionsForChallenge(challenge, new Date())).toMatchObject({ ok: false });
  });

  it("confirms a step-up with a passkey, and keeps the only second factor of someone who needs one", async () => {
    const admin = await addStaff("ada@shop.test", ["administrator"]);
    const key = await withPasskey(admin);
    const stale = { id: admin.id, sessionId: "old", signedInAt: Date.now() - 60 * 60_000 };
    expect(await stepUpRefusal(stale)).not.toBeNull();
    expect(await confirmIdentity(stale, { passkey: key.assert(await stepUpChallenge(admin.id), { origin: "https://evil.example" }) })).toMatchObject({ ok: false });
    expect(await stepUpRefusal(stale)).not.toBeNull();
    expect(await confirmIdentity(stale, { passkey: key.assert(await stepUpChallenge(admin.id)) })).toMatchObject({ ok: true });
    expect(await stepUpRefusal(stale)).toBeNull();

    const [passkey] = await listPasskeys(admin.id);
    expect(await removePasskey(admin, { passkeyId: passkey!.id })).toMatchObject({ ok: false, error: expect.stringMatching(/only second factor/) });
    const sam = await addStaff();
    await withPasskey(sam);
    const [samsKey] = await listPasskeys(sam.id);
    expect(await removePasskey(admin, { passkeyId: samsKey!.id })).toMatchObject({ ok: false });
    expect(await removePasskey(sam, { passkeyId: samsKey!.id })).toEqual({ ok: true, message: "Passkey removed." });
    expect(await db().staffPasskey.count()).toBe(1);
  });
});
