// Second factors for tests that sign in as someone who needs one (admins, lib/auth/two-factor/):
// enrolment through the same functions as the Settings page, and sign-ins that answer the challenge
// with a code computed from the secret the page showed, as an authenticator app would.
import { Secret, TOTP } from "otpauth";
import { db } from "@/lib/db";
import type { SignedInStaff } from "@/lib/auth/sign-in";
import { signInStaff } from "@/lib/auth/sign-in";
import { completeChallenge } from "@/lib/auth/two-factor/challenge";
import { confirmEnrolment, enrolmentState } from "@/lib/auth/two-factor/enrolment";

export const totpCodeAt = (secret: string, at: Date) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at.getTime() });

const secrets = new Map<string, string>();
// Each code may be used once per 30-second step: every sign-in here happens a step after the last.
let clock = Date.now();
const nextStep = () => new Date((clock += 30_000));

/** Turns on a second factor for this person; returns the secret and the recovery codes. */
export async function enrolStaff(staffId: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  const state = await enrolmentState({ id: staffId });
  if (state.enrolled) throw new Error("already enrolled");
  const now = nextStep();
  const confirmed = await confirmEnrolment({ id: staffId }, { code: totpCodeAt(state.secret, now) }, now);
  if (!confirmed.ok) throw new Error(JSON.stringify(confirmed));
  secrets.set(staffId, state.secret);
  return { secret: state.secret, recoveryCodes: confirmed.recoveryCodes };
}

/** Signs in with the password and, for someone enrolled through enrolStaff, a fresh code. */
export async function signInFully(email: string, password: string): Promise<SignedInStaff> {
  const now = nextStep();
  const first = await signInStaff(email, password, now);
  if (first.ok) return first.staff;
  if (first.reason !== "second_factor_required") throw new Error(JSON.stringify(first));
  const staff = await db().staffUser.findUniqueOrThrow({ where: { email: email.trim().toLowerCase() }, select: { id: true } });
  const secret = secrets.get(staff.id);
  if (!secret) throw new Error(`${email} was not enrolled through enrolStaff`);
  const completed = await completeChallenge(first.challenge, totpCodeAt(secret, now), now, null);
  if (!completed.ok) throw new Error(JSON.stringify(completed));
  return completed.staff;
}
