import { randomUUID } from "node:crypto";
import {
  generateAuthenticationOptions, generateRegistrationOptions, verifyAuthenticationResponse, verifyRegistrationResponse,
  type AuthenticationResponseJSON, type PublicKeyCredentialCreationOptionsJSON, type PublicKeyCredentialRequestOptionsJSON, type RegistrationResponseJSON,
  type WebAuthnCredential,
} from "@simplewebauthn/server";
import { z } from "zod";
import { db } from "@/lib/db";
import { isExemptDemoStaff, rolesRequireTwoFactor, twoFactorRequiredForAll } from "../two-factor/requirement";
import { challengeOf, spendWebAuthnChallenge, storeWebAuthnChallenge, type ChallengePurpose } from "./challenges";
import { PASSKEYS_OFF, relyingParty, type RelyingParty } from "./relying-party";

/**
 * Passkeys (WebAuthn) as a second factor, with SimpleWebAuthn: registration on Settings, then an
 * assertion wherever a TOTP code is asked (the sign-in challenge, a step-up). Every assertion
 * answers a challenge stored for that person and purpose, is checked against this site's origin and
 * RP ID, must come from a passkey of that person, and must move the signature counter forward when
 * the authenticator keeps one (a cloned authenticator repeats or lags it).
 */

export const MAX_PASSKEYS = 10;

export type OptionsResult<T> = { ok: true; options: T } | { ok: false; error: string };
export type PasskeyChangeResult = { ok: true; message: string } | { ok: false; error: string; code?: string };

export interface PasskeyListEntry {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

const responseShape = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,1366}$/),
  rawId: z.string().max(1366),
  type: z.literal("public-key"),
  response: z.looseObject({ clientDataJSON: z.string().max(4096) }),
}).loose();

export async function listPasskeys(staffId: string): Promise<PasskeyListEntry[]> {
  return db().staffPasskey.findMany({ where: { staffId }, select: { id: true, name: true, createdAt: true, lastUsedAt: true }, orderBy: { createdAt: "asc" } });
}

export async function passkeyCount(staffId: string): Promise<number> {
  return db().staffPasskey.count({ where: { staffId } });
}

export async function registrationOptions(actor: { id: string; email: string; name: string }, now = new Date(), rp = relyingParty()): Promise<OptionsResult<PublicKeyCredentialCreationOptionsJSON>> {
  if (!rp) return { ok: false, error: PASSKEYS_OFF };
  const existing = await db().staffPasskey.findMany({ where: { staffId: actor.id }, select: { credentialId: true, transports: true } });
  if (existing.length >= MAX_PASSKEYS) return { ok: false, error: `You already have ${MAX_PASSKEYS} passkeys: remove one first.` };
  const options = await generateRegistrationOptions({
    rpName: rp.rpName, rpID: rp.rpID, userName: actor.email, userDisplayName: actor.name,
    userID: new TextEncoder().encode(actor.id),
    attestationType: "none",
    // One passkey per authenticator and person.
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports as never })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  await storeWebAuthnChallenge(actor.id, "registration", options.challenge, now);
  return { ok: true, options };
}

const registerSchema = z.object({
  name: z.string().trim().min(1, { error: "Name the passkey, e.g. \"Work laptop\"." }).max(60, { error: "Keep the name under 60 characters." }),
  response: responseShape,
});

export async function registerPasskey(actor: { id: string }, input: unknown, now = new Date(), rp = relyingParty()): Promise<PasskeyChangeResult> {
  if (!rp) return { ok: false, error: PASSKEYS_OFF };
  const parsed = registerSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues.find((i) => i.path[0] === "name")?.message ?? "The browser's answer was not a passkey." };
  const challenge = challengeOf(parsed.data.response.response.clientDataJSON);
  if (!challenge || !(await spendWebAuthnChallenge(actor.id, "registration", challenge, now))) {
    return { ok: false, error: "That passkey request has expired or was already used. Start again." };
  }
  let credential: WebAuthnCredential;
  try {
    const verified = await verifyRegistrationResponse({
      response: parsed.data.response as unknown as RegistrationResponseJSON,
      expectedChallenge: challenge, expectedOrigin: rp.origin, expectedRPID: rp.rpID, requireUserVerification: false,
    });
    if (!verified.verified) return { ok: false, error: "The passkey could not be verified. Nothing was saved." };
    credential = verified.registrationInfo.credential;
  } catch {
    return { ok: false, error: "The passkey could not be verified. Nothing was saved." };
  }
  const taken = await db().staffPasskey.findUnique({ where: { credentialId: credential.id }, select: { id: true } });
  if (taken) return { ok: false, error: "This passkey is already registered." };
  try {
    await savePasskey(actor.id, credential, parsed.data.name, now);
  } catch (error) {
    // Two registrations of one authenticator racing: the unique credential id lets one through.
    if ((error as { code?: string }).code === "P2002") return { ok: false, error: "This passkey is already registered." };
    throw error;
  }
  return { ok: true, message: `Passkey "${parsed.data.name}" added: you can use it instead of a code.` };
}

async function savePasskey(staffId: string, credential: WebAuthnCredential, name: string, now: Date): Promise<void> {
  const actor = { id: staffId };
  await db().$transaction(async (tx) => {
    const passkey = await tx.staffPasskey.create({
      data: {
        staffId: actor.id, credentialId: credential.id, publicKey: Buffer.from(credential.publicKey), counter: BigInt(credential.counter),
        transports: credential.transports ?? [], name,
      },
    });
    await tx.staffAction.create({
      data: {
        actorId: actor.id, kind: "staff.passkey.add", objectType: "staff_user", objectId: actor.id, params: { passkeyId: passkey.id, name },
        idempotencyKey: randomUUID(), status: "succeeded", outcome: { staffId: actor.id, passkeyId: passkey.id }, completedAt: now,
      },
    });
  });
}

/** Options for an assertion by one person (the sign-in challenge's, or a signed-in session's). */
export async function authenticationOptions(staffId: string, purpose: Exclude<ChallengePurpose, "registration">, now = new Date(), rp = relyingParty()): Promise<OptionsResult<PublicKeyCredentialRequestOptionsJSON>> {
  if (!rp) return { ok: false, error: PASSKEYS_OFF };
  const passkeys = await db().staffPasskey.findMany({ where: { staffId }, select: { credentialId: true, transports: true } });
  if (passkeys.length === 0) return { ok: false, error: "You have no passkey yet. Use a code instead." };
  const options = await generateAuthenticationOptions({
    rpID: rp.rpID, userVerification: "preferred",
    allowCredentials: passkeys.map((p) => ({ id: p.credentialId, transports: p.transports })),
  });
  await storeWebAuthnChallenge(staffId, purpose, options.challenge, now);
  return { ok: true, options };
}

export type AssertionResult = { ok: true; passkeyId: string } | { ok: false; reason: "expired" | "invalid" };

/**
 * Checks one assertion for this person and purpose. The challenge is spent first, so a failed or
 * replayed answer cannot be tried again; the counter is moved in one conditional UPDATE.
 */
export async function verifyPasskeyAssertion(
  staffId: string, purpose: Exclude<ChallengePurpose, "registration">, input: unknown, now = new Date(), rp: RelyingParty | null = relyingParty(),
): Promise<AssertionResult> {
  if (!rp) return { ok: false, reason: "invalid" };
  const parsed = responseShape.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const challenge = challengeOf(parsed.data.response.clientDataJSON);
  if (!challenge || !(await spendWebAuthnChallenge(staffId, purpose, challenge, now))) return { ok: false, reason: "expired" };
  const passkey = await db().staffPasskey.findFirst({ where: { staffId, credentialId: parsed.data.id } });
  if (!passkey) return { ok: false, reason: "invalid" };
  let newCounter: number;
  try {
    const verified = await verifyAuthenticationResponse({
      response: parsed.data as unknown as AuthenticationResponseJSON,
      expectedChallenge: challenge, expectedOrigin: rp.origin, expectedRPID: rp.rpID, requireUserVerification: false,
      credential: { id: passkey.credentialId, publicKey: new Uint8Array(passkey.publicKey), counter: Number(passkey.counter), transports: passkey.transports as never },
    });
    if (!verified.verified) return { ok: false, reason: "invalid" };
    newCounter = verified.authenticationInfo.newCounter;
  } catch {
    // SimpleWebAuthn throws for a wrong origin, RP ID, signature, and a counter that did not grow.
    return { ok: false, reason: "invalid" };
  }
  // A counter of 0 means the authenticator keeps none (many synced passkeys): then the single-use
  // challenge is what stops a replay. Otherwise it must still be above the stored one.
  const moved = await db().$executeRaw`
    UPDATE staff_passkeys SET counter = ${BigInt(newCounter)}, last_used_at = ${now}
    WHERE id = ${passkey.id}::uuid AND (counter < ${BigInt(newCounter)} OR (counter = 0 AND ${BigInt(newCounter)} = 0))`;
  return moved === 1 ? { ok: true, passkeyId: passkey.id } : { ok: false, reason: "invalid" };
}

const removeSchema = z.object({ passkeyId: z.uuid({ error: "Unknown passkey." }) });

export async function removePasskey(actor: { id: string }, input: unknown, now = new Date()): Promise<PasskeyChangeResult> {
  const parsed = removeSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "Unknown passkey." };
  // Read before the transaction: PGlite has one connection, which the transaction holds.
  const forAll = await twoFactorRequiredForAll();
  return db().$transaction(async (tx) => {
    const staff = await tx.staffUser.findUniqueOrThrow({ where: { id: actor.id }, select: { email: true, roles: true, totpEnabledAt: true } });
    const others = await tx.staffPasskey.count({ where: { staffId: actor.id, id: { not: parsed.data.passkeyId } } });
    const needsOne = !isExemptDemoStaff(staff.email) && (rolesRequireTwoFactor(staff.roles) || forAll);
    if (needsOne && !staff.totpEnabledAt && others === 0) {
      return { ok: false as const, error: "This is your only second factor and you need one: set up an authenticator app or add another passkey first." };
    }
    const removed = await tx.staffPasskey.deleteMany({ where: { id: parsed.data.passkeyId, staffId: actor.id } });
    if (removed.count === 0) return { ok: false as const, error: "Unknown passkey." };
    await tx.staffAction.create({
      data: {
        actorId: actor.id, kind: "staff.passkey.remove", objectType: "staff_user", objectId: actor.id, params: { passkeyId: parsed.data.passkeyId },
        idempotencyKey: randomUUID(), status: "succeeded", outcome: { staffId: actor.id }, completedAt: now,
      },
    });
    return { ok: true as const, message: "Passkey removed." };
  });
}
