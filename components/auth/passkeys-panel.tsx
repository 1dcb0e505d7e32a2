"use client";

import { usePasskeySupport } from "@/components/auth/use-passkey-support";
import { startRegistration } from "@simplewebauthn/browser";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { StepUpDialog } from "@/components/auth/step-up-dialog";

type Change = { ok: true; message: string } | { ok: false; error: string; code?: string };
type Options<T> = { ok: true; options: T } | { ok: false; error: string; code?: string };

export interface PasskeyRow {
  id: string;
  name: string;
  /** Already formatted for the viewer (lib/format). */
  added: string;
  lastUsed: string | null;
}

/**
 * Settings → Security: one's passkeys, and adding one where the browser can. Adding and removing
 * may first ask the person to confirm it is them (the dialog), then to touch their authenticator.
 */
export function PasskeysPanel({
  passkeys, registrationOptions, register, remove,
}: {
  passkeys: PasskeyRow[];
  registrationOptions: () => Promise<Options<Parameters<typeof startRegistration>[0]["optionsJSON"]>>;
  register: (input: { name: string; response: unknown }) => Promise<Change>;
  remove: (input: { passkeyId: string }) => Promise<Change>;
}) {
  const router = useRouter();
  const supported = usePasskeySupport();
  const [answer, setAnswer] = useState<Change | null>(null);
  const [name, setName] = useState("");
  const [pending, startTransition] = useTransition();

  const add = () =>
    startTransition(async () => {
      const options = await registrationOptions();
      if (!options.ok) return setAnswer(options);
      try {
        const response = await startRegistration({ optionsJSON: options.options });
        const result = await register({ name, response });
        setAnswer(result);
        if (result.ok) {
          setName("");
          router.refresh();
        }
      } catch {
        setAnswer({ ok: false, error: "The browser did not create a passkey (cancelled, or not allowed here). Nothing was saved." });
      }
    });

  return (
    <div className="px-4 py-3 text-sm" data-testid="passkeys">
      <span className="block font-semibold">Passkeys</span>
      <span className="text-slate-600">Use your device’s passkey (fingerprint, face, PIN or security key) instead of a code.</span>
      <ul className="mt-2 divide-y divide-slate-100">
        {passkeys.map((p) => (
          <li key={p.id} className="flex items-center justify-between py-2">
            <span>
              <span className="font-medium">{p.name}</span>{" "}
              <span className="text-slate-600">added {p.added}{p.lastUsed ? `, last used ${p.lastUsed}` : ""}</span>
            </span>
            <button
              type="button" disabled={pending}
              className="rounded-md px-2.5 py-1 text-sm font-medium text-red-700 ring-1 ring-red-200 ring-inset hover:bg-red-50 disabled:opacity-60"
              onClick={() => startTransition(async () => {
                const result = await remove({ passkeyId: p.id });
                setAnswer(result);
                if (result.ok) router.refresh();
              })}
            >
              Remove <span className="sr-only">{p.name}</span>
            </button>
          </li>
        ))}
      </ul>
      {supported ? (
        <div className="mt-2 flex items-end gap-2">
          <label className="block">
            <span className="block text-slate-700">Name for a new passkey</span>
            <input
              value={name} onChange={(e) => setName(e.target.value)} maxLength={60} placeholder="Work laptop"
              className="mt-1 block w-56 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm outline-none focus-visible:ring-2 focus-visible:ring-indigo-200"
            />
          </label>
          <button type="button" disabled={pending} onClick={add} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60">
            {pending ? "Waiting…" : "Add a passkey"}
          </button>
        </div>
      ) : (
        <p className="mt-2 text-slate-600">This browser cannot use passkeys.</p>
      )}
      {answer?.ok ? <p role="status" className="mt-2 text-emerald-700">{answer.message}</p> : null}
      {answer && !answer.ok ? <p role="alert" className="mt-2 text-red-700">{answer.error}</p> : null}
      <StepUpDialog code={answer && !answer.ok ? answer.code : undefined} />
    </div>
  );
}
