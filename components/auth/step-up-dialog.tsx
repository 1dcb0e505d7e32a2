"use client";

import { usePasskeySupport } from "@/components/auth/use-passkey-support";
import { startAuthentication } from "@simplewebauthn/browser";
import { useId, useState, useTransition } from "react";
import { stepUpPasskeyOptionsAction } from "@/app/(dashboard)/settings/passkey-actions";
import { confirmIdentityAction } from "@/app/(dashboard)/settings/step-up-actions";

/**
 * Shown beside a high-risk action's form when the server answered `step_up_required`: the person
 * gives their password or a code again, here, without leaving the form they filled in, and then
 * sends the action again. Nothing was done by the refused attempt.
 */
export function StepUpDialog({ code }: { code: string | undefined }) {
  const id = useId();
  const [answer, setAnswer] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const passkeys = usePasskeySupport();
  if (code !== "step_up_required") return null;
  const usePasskey = () =>
    startTransition(async () => {
      const options = await stepUpPasskeyOptionsAction();
      if (!options.ok) return setAnswer({ ok: false, text: options.error });
      try {
        const passkey = await startAuthentication({ optionsJSON: options.options });
        const result = await confirmIdentityAction({ passkey });
        setAnswer(result.ok ? { ok: true, text: result.message } : { ok: false, text: result.error });
      } catch {
        setAnswer({ ok: false, text: "The browser did not use a passkey (cancelled, or none for this site)." });
      }
    });
  if (answer?.ok) {
    return (
      <p role="status" data-testid="step-up-confirmed" className="mt-2 text-sm text-emerald-700">
        {answer.text} Send it again.
      </p>
    );
  }
  return (
    <div role="dialog" aria-labelledby={`${id}-title`} className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
      <p id={`${id}-title`} className="font-semibold">Confirm it’s you</p>
      <label htmlFor={`${id}-secret`} className="mt-1 block">Your password, or a code from your authenticator app</label>
      <div className="mt-1 flex gap-2">
        <input
          id={`${id}-secret`} type="password" autoComplete="current-password" maxLength={1024}
          className="block w-56 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm outline-none focus-visible:ring-2 focus-visible:ring-indigo-200"
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              (e.currentTarget.nextElementSibling as HTMLButtonElement | null)?.click();
            }
          }}
        />
        <button
          type="button" disabled={pending}
          className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60"
          onClick={(e) => {
            const input = e.currentTarget.previousElementSibling as HTMLInputElement;
            startTransition(async () => {
              const result = await confirmIdentityAction({ secret: input.value });
              setAnswer(result.ok ? { ok: true, text: result.message } : { ok: false, text: result.error });
            });
          }}
        >
          {pending ? "Checking…" : "Confirm"}
        </button>
        {passkeys ? (
          <button type="button" disabled={pending} onClick={usePasskey} className="rounded-md bg-white px-3 py-1.5 text-sm font-semibold text-indigo-700 ring-1 ring-indigo-200 ring-inset hover:bg-indigo-50 disabled:opacity-60">
            Use a passkey
          </button>
        ) : null}
      </div>
      {answer && !answer.ok ? <p role="alert" className="mt-1 text-red-700">{answer.text}</p> : null}
    </div>
  );
}
