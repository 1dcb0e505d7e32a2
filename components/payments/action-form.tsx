"use client";

import { useCallback, useState, useTransition, type ReactNode } from "react";
import { toast } from "sonner";
import { StepUpDialog } from "@/components/auth/step-up-dialog";
import type { ActionResult } from "@/lib/audit/result";

/**
 * The client half of every money action. The form carries an action id generated when it was
 * drawn: a double click or a retry after a timeout sends the same id, so the server finds the same
 * audit row and Stripe the same idempotency key. A new id is drawn once an attempt has a final
 * answer, so the next, deliberate action is a new one.
 */

export type MoneyAction = (input: Record<string, unknown>) => Promise<ActionResult>;

export function useMoneyAction(action: MoneyAction, onDone?: (result: ActionResult) => void) {
  const [actionId, setActionId] = useState(() => crypto.randomUUID());
  const [result, setResult] = useState<ActionResult | null>(null);
  const [pending, startTransition] = useTransition();

  const run = useCallback(
    (input: Record<string, unknown>) => {
      if (pending) return;
      startTransition(async () => {
        let outcome: ActionResult;
        try {
          outcome = await action({ ...input, actionId });
        } catch {
          outcome = { ok: false, error: "The server could not be reached. Try again; nothing will happen twice.", retryable: true };
        }
        setResult(outcome);
        if (outcome.ok || !outcome.retryable) setActionId(crypto.randomUUID());
        if (outcome.ok) toast.success(outcome.message);
        onDone?.(outcome);
      });
    },
    [action, actionId, onDone, pending],
  );

  const submit = useCallback(
    (form: HTMLFormElement, extra: Record<string, unknown> = {}) => {
      const values: Record<string, unknown> = {};
      new FormData(form).forEach((value, key) => {
        if (typeof value === "string") values[key] = value;
      });
      run({ ...values, ...extra });
    },
    [run],
  );

  const fieldErrors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  return { run, submit, result, pending, fieldErrors, actionId, reset: () => setResult(null) };
}

export const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-xs outline-none focus-visible:border-indigo-500 focus-visible:ring-2 focus-visible:ring-indigo-200 aria-invalid:border-red-500 disabled:bg-slate-100";

export const primaryButton =
  "rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white shadow-xs outline-none hover:bg-indigo-500 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2 disabled:opacity-60";

export const secondaryButton =
  "rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 ring-1 ring-slate-300 ring-inset outline-none hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-indigo-500 disabled:opacity-60";

export const dangerButton =
  "rounded-md bg-red-600 px-3 py-1.5 text-sm font-semibold text-white shadow-xs outline-none hover:bg-red-700 focus-visible:ring-2 focus-visible:ring-red-500 focus-visible:ring-offset-2 disabled:opacity-60";

export function Field({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint && !error ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Props that tie an input to its error message for screen readers. */
export function errorProps(id: string, error: string | undefined) {
  return { "aria-invalid": error ? true : undefined, "aria-describedby": error ? `${id}-error` : undefined } as const;
}

export function ResultMessage({ result }: { result: ActionResult | null }) {
  if (!result) return null;
  return (
    <>
      <p role="status" data-testid="action-result" data-outcome={result.ok ? "ok" : "refused"} className={`text-sm ${result.ok ? "text-emerald-700" : "text-red-700"}`}>
        {result.ok ? result.message : result.error}
      </p>
      {/* Keyed by the answer, so a new refusal asks afresh. */}
      {result.ok ? null : <StepUpDialog key={`${result.code}:${result.error}`} code={result.code} />}
    </>
  );
}

/** A customer link shown once, right after it was created (only its hash is stored). */
export function IssuedLink({ path }: { path: string }) {
  const url = typeof window === "undefined" ? path : `${window.location.origin}${path}`;
  return (
    <div className="mt-3 rounded-md border border-indigo-200 bg-indigo-50 p-3 text-sm text-indigo-950">
      <p>Send this link to the customer now; it is shown only once:</p>
      <p className="mt-1 font-mono text-xs break-all select-all" data-testid="customer-link">
        {url}
      </p>
      <button
        type="button"
        className={`${secondaryButton} mt-2`}
        onClick={() => {
          void navigator.clipboard?.writeText(url).then(() => toast.success("Link copied"));
        }}
      >
        Copy link
      </button>
    </div>
  );
}
