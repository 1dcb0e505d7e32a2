"use client";

import { usePasskeySupport } from "@/components/auth/use-passkey-support";
import { startAuthentication } from "@simplewebauthn/browser";
import { signIn, type SignInResponse } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { signInPasskeyOptionsAction } from "@/app/(auth)/sign-in/actions";
import { secondFactorChallenge, signInErrorMessage } from "@/lib/auth/messages";

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs outline-none focus-visible:border-indigo-500 focus-visible:ring-2 focus-visible:ring-indigo-200";

export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(signInErrorMessage(initialError));
  const [pending, setPending] = useState(false);
  // Set once the password was right for someone with a second factor: the code is asked next.
  const [challenge, setChallenge] = useState<string | null>(null);
  const passkeys = usePasskeySupport();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    await attempt(() =>
      challenge
        ? signIn("second-factor", { challenge, code: String(form.get("code") ?? ""), redirect: false })
        : signIn("credentials", { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? ""), redirect: false }),
    );
  }

  // The second step with a passkey instead of a code: the options are this challenge's person's.
  async function usePasskey() {
    if (!challenge) return;
    await attempt(async () => {
      const options = await signInPasskeyOptionsAction(challenge);
      if (!options.ok) {
        setError(options.error);
        return undefined;
      }
      try {
        const passkey = await startAuthentication({ optionsJSON: options.options });
        return await signIn("second-factor", { challenge, passkey: JSON.stringify(passkey), redirect: false });
      } catch {
        setError("The browser did not use a passkey (cancelled, or none for this site). Try again or enter a code.");
        return undefined;
      }
    });
  }

  async function attempt(step: () => Promise<SignInResponse | undefined>) {
    setPending(true);
    setError(null);
    try {
      const result = await step();
      if (result === undefined) return;
      const next = secondFactorChallenge(result?.error);
      if (next) {
        setChallenge(next);
        return;
      }
      if (!result?.ok || result.error) {
        // A spent or timed-out challenge starts again from the password.
        if (result?.error === "SecondFactorExpired") setChallenge(null);
        setError(signInErrorMessage(result?.error ?? "Unknown"));
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm" aria-labelledby="sign-in-title" noValidate>
      <h1 id="sign-in-title" className="text-lg font-semibold">
        Sign in to the back office
      </h1>
      {error ? (
        <p role="alert" data-testid="sign-in-error" className="mt-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      {challenge ? (
        <div className="mt-4">
          <label htmlFor="code" className="block text-sm font-medium text-slate-800">
            Code from your authenticator app
          </label>
          <input
            id="code" name="code" type="text" inputMode="text" autoComplete="one-time-code" required autoFocus
            maxLength={40} className={inputClass} aria-describedby="code-hint"
          />
          <p id="code-hint" className="mt-1 text-xs text-slate-500">
            The 6 digits your app shows now, or one of your unused recovery codes.
          </p>
          {passkeys ? (
            <button
              type="button" disabled={pending} onClick={usePasskey}
              className="mt-3 w-full rounded-md bg-white px-3 py-2 text-sm font-semibold text-indigo-700 ring-1 ring-indigo-200 ring-inset hover:bg-indigo-50 disabled:opacity-60"
            >
              Use a passkey
            </button>
          ) : null}
        </div>
      ) : null}
      <div className="mt-4" hidden={Boolean(challenge)}>
        <label htmlFor="email" className="block text-sm font-medium text-slate-800">
          Email
        </label>
        <input id="email" name="email" type="email" autoComplete="username" required autoFocus className={inputClass} />
      </div>
      <div className="mt-4" hidden={Boolean(challenge)}>
        <label htmlFor="password" className="block text-sm font-medium text-slate-800">
          Password
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className={inputClass} />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="mt-6 w-full rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white shadow-xs outline-none hover:bg-indigo-500 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2 disabled:opacity-60"
      >
        {pending ? "Signing in…" : challenge ? "Verify" : "Sign in"}
      </button>
    </form>
  );
}
