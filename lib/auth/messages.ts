/**
 * What the sign-in page says for each refusal. The codes travel from the credentials provider to
 * the browser through next-auth's `error` field, so they must stay short and carry no secrets.
 */

export const SIGN_IN_ERROR = {
  invalid: "CredentialsSignin",
  disabled: "AccountDisabled",
  throttledPrefix: "TooManyAttempts:",
  /** Followed by the challenge token the code must be sent with (two-factor/challenge.ts). */
  secondFactorPrefix: "SecondFactor:",
  /** The challenge ran out of time or tries: start again with the password. */
  challengeExpired: "SecondFactorExpired",
  wrongCode: "WrongCode",
  passkeyRefused: "PasskeyRefused",
} as const;

export function secondFactorChallenge(code: string | null | undefined): string | null {
  return code?.startsWith(SIGN_IN_ERROR.secondFactorPrefix) ? code.slice(SIGN_IN_ERROR.secondFactorPrefix.length) : null;
}

export function throttledCode(retryAt: Date): string {
  return `${SIGN_IN_ERROR.throttledPrefix}${retryAt.getTime()}`;
}

export function signInErrorMessage(code: string | null | undefined, now = Date.now()): string | null {
  if (!code) return null;
  if (code === SIGN_IN_ERROR.invalid) return "Wrong email or password.";
  if (code === SIGN_IN_ERROR.disabled) return "This account has been disabled. Ask an admin of your team to re-enable it.";
  if (code.startsWith(SIGN_IN_ERROR.throttledPrefix)) {
    const retryAt = Number(code.slice(SIGN_IN_ERROR.throttledPrefix.length));
    const minutes = Number.isFinite(retryAt) ? Math.max(1, Math.ceil((retryAt - now) / 60_000)) : 15;
    return `Too many failed sign-ins. Wait ${minutes} minute${minutes === 1 ? "" : "s"}, then try again.`;
  }
  if (code === SIGN_IN_ERROR.wrongCode) return "That code is wrong or was already used. Enter the current code from your app, or an unused recovery code.";
  if (code === SIGN_IN_ERROR.passkeyRefused) return "That passkey was not accepted. Try it again, or enter a code instead.";
  if (code === SIGN_IN_ERROR.challengeExpired) return "That sign-in took too long or had too many wrong codes. Enter your password again.";
  if (code.startsWith(SIGN_IN_ERROR.secondFactorPrefix)) return null;
  if (code === "SessionRequired") return "Please sign in to continue.";
  return "Sign-in failed. Try again.";
}
