import { ADDRESS_POLICY, addressKey, clearBackoff, countBackoffFailure, PAIR_POLICY, readBackoff } from "../sign-in-backoff";
import { TOTP_CODE, useTotpCode } from "./totp";
import { useRecoveryCode } from "./recovery-codes";

/**
 * Checks a second factor (a 6-digit code, or a recovery code) under the sign-in back-off: per
 * person, since a code has only a million values, and per client address, so one address cannot
 * try codes across many people. While held back even the right code is refused.
 */

export type SecondFactorResult =
  | { ok: true; used: "totp" | "recovery_code" }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAt: Date };

export const secondFactorKey = (staffId: string) => `second-factor:${staffId}`;

export async function checkSecondFactor(staffId: string, input: string, now: Date, address: string | null): Promise<SecondFactorResult> {
  const [person, client] = await Promise.all([readBackoff(secondFactorKey(staffId), now), readBackoff(addressKey(address), now)]);
  const heldUntil = [person.retryAt, client.retryAt].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0];
  if (heldUntil) return { ok: false, reason: "throttled", retryAt: heldUntil };

  const compact = input.replace(/\s/g, "");
  const used = TOTP_CODE.test(compact)
    ? (await useTotpCode(staffId, compact, now)) && ("totp" as const)
    : (await useRecoveryCode(staffId, input, now)) && ("recovery_code" as const);
  if (used) {
    await clearBackoff(secondFactorKey(staffId));
    return { ok: true, used };
  }
  const waits = await Promise.all([
    countBackoffFailure(secondFactorKey(staffId), PAIR_POLICY, now),
    countBackoffFailure(addressKey(address), ADDRESS_POLICY, now),
  ]);
  const retryAt = waits.filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0];
  return retryAt ? { ok: false, reason: "throttled", retryAt } : { ok: false, reason: "invalid" };
}
