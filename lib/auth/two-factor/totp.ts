import { Secret, TOTP } from "otpauth";
import { db } from "@/lib/db";
import { openSecret } from "./secret-box";

/**
 * RFC 6238 codes as every authenticator app makes them: SHA-1, 6 digits, 30 seconds. A code of the
 * step before or after is accepted for clock drift; a step once used, and every step before it, is
 * refused from then on.
 */

export const TOTP_PERIOD_S = 30;
const DRIFT_STEPS = 1;
export const TOTP_CODE = /^\d{6}$/;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpFor(base32: string, label: string, issuer: string): TOTP {
  return new TOTP({ issuer, label, algorithm: "SHA1", digits: 6, period: TOTP_PERIOD_S, secret: Secret.fromBase32(base32) });
}

/** The 30-second step a code matches at `now`, or null. */
export function matchingStep(base32: string, code: string, now: Date): number | null {
  if (!TOTP_CODE.test(code)) return null;
  const totp = totpFor(base32, "", "");
  const delta = totp.validate({ token: code, timestamp: now.getTime(), window: DRIFT_STEPS });
  if (delta === null) return null;
  return TOTP.counter({ period: TOTP_PERIOD_S, timestamp: now.getTime() }) + delta;
}

/**
 * Accepts a code from this person's enrolled secret once. The step is claimed in one conditional
 * UPDATE, so two requests racing with the same code cannot both pass.
 */
export async function useTotpCode(staffId: string, code: string, now: Date, options: { pending?: boolean } = {}): Promise<boolean> {
  const staff = await db().staffUser.findUnique({ where: { id: staffId }, select: { totpSecret: true, totpEnabledAt: true } });
  if (!staff?.totpSecret || Boolean(staff.totpEnabledAt) === Boolean(options.pending)) return false;
  const base32 = openSecret(staff.totpSecret);
  if (!base32) return false;
  const step = matchingStep(base32, code.replace(/\s/g, ""), now);
  if (step === null) return false;
  const claimed = await db().$executeRaw`
    UPDATE staff_users SET totp_last_step = ${step}
    WHERE id = ${staffId}::uuid AND (totp_last_step IS NULL OR totp_last_step < ${step})`;
  return claimed === 1;
}
