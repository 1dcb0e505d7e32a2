"use client";

import { useState, useTransition } from "react";
import { StepUpDialog } from "@/components/auth/step-up-dialog";

/** The answers of lib/auth/two-factor/self-service.ts, which is server-only. */
type RenewResult = { ok: true; message: string; recoveryCodes: string[] } | { ok: false; error: string; code?: string };
type TurnOffResult = { ok: true; message: string } | { ok: false; error: string; code?: string };

const buttonClass =
  "shrink-0 rounded-md bg-white px-2.5 py-1 text-sm font-medium ring-1 ring-inset outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 disabled:opacity-60";

/**
 * Once two-factor sign-in is on: draw new recovery codes, and (when one's roles and the admin
 * setting allow it) turn it off. Either may first ask the person to confirm it is them.
 */
export function OwnSecondFactorControls({
  renew, turnOff, turnOffRefusal,
}: {
  renew: (input: { confirm: true }) => Promise<RenewResult>;
  turnOff: (input: { confirm: true }) => Promise<TurnOffResult>;
  /** Why this person may not turn it off, or null. */
  turnOffRefusal: string | null;
}) {
  const [renewed, setRenewed] = useState<RenewResult | null>(null);
  const [turnedOff, setTurnedOff] = useState<TurnOffResult | null>(null);
  const [pending, startTransition] = useTransition();

  if (turnedOff?.ok) return <p role="status" className="mt-4 text-sm text-emerald-700">{turnedOff.message}</p>;
  return (
    <div className="mt-4 space-y-4 text-sm">
      <div>
        <button
          type="button" disabled={pending} className={`${buttonClass} text-slate-800 ring-slate-300 hover:bg-slate-50`}
          onClick={() => startTransition(async () => setRenewed(await renew({ confirm: true })))}
        >
          Draw new recovery codes
        </button>
        {renewed?.ok ? (
          <>
            <p role="status" className="mt-2 text-slate-600">{renewed.message}</p>
            <ul data-testid="recovery-codes" className="mt-2 grid grid-cols-2 gap-1 font-mono select-all">
              {renewed.recoveryCodes.map((code) => <li key={code}>{code}</li>)}
            </ul>
          </>
        ) : null}
        {renewed && !renewed.ok ? <p role="alert" className="mt-1 text-red-700">{renewed.error}</p> : null}
        <StepUpDialog code={renewed && !renewed.ok ? renewed.code : undefined} />
      </div>
      <div>
        {turnOffRefusal ? (
          <p className="text-slate-600" data-testid="turn-off-refusal">{turnOffRefusal}</p>
        ) : (
          <button
            type="button" disabled={pending} className={`${buttonClass} text-red-700 ring-red-200 hover:bg-red-50`}
            onClick={() => startTransition(async () => setTurnedOff(await turnOff({ confirm: true })))}
          >
            Turn off two-factor sign-in
          </button>
        )}
        {turnedOff && !turnedOff.ok ? <p role="alert" className="mt-1 text-red-700">{turnedOff.error}</p> : null}
        <StepUpDialog code={turnedOff && !turnedOff.ok ? turnedOff.code : undefined} />
      </div>
    </div>
  );
}
