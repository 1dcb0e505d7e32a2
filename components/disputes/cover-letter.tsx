"use client";

import { FileText } from "lucide-react";
import { useState } from "react";
import { ResultMessage, secondaryButton } from "@/components/payments/action-form";
import type { AttachedCoverLetter } from "@/lib/disputes/cover-letter/result";
import type { EvidenceFileState } from "./evidence-form";

/**
 * The cover letter: a PDF the server builds from the payment and the saved draft. Staff read it
 * first (a download), then attach it as the "Other file", which replaces whatever file was there.
 */
export function CoverLetter({
  previewUrl,
  disputeId,
  attach,
  onAttached,
  replaces,
}: {
  previewUrl: string;
  disputeId: string;
  attach: (input: unknown) => Promise<AttachedCoverLetter>;
  onAttached: (file: EvidenceFileState) => void;
  /** The file now in "Other file", which attaching replaces. */
  replaces: string | null;
}) {
  const [actionId, setActionId] = useState(() => crypto.randomUUID());
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<AttachedCoverLetter | null>(null);

  async function run() {
    setPending(true);
    let outcome: AttachedCoverLetter;
    try {
      outcome = await attach({ actionId, disputeId });
    } catch {
      outcome = { ok: false, error: "The server could not be reached. Try again; nothing will happen twice.", retryable: true };
    }
    setPending(false);
    setResult(outcome);
    if (outcome.ok || !outcome.retryable) setActionId(crypto.randomUUID());
    if (outcome.ok && outcome.file) onAttached(outcome.file);
  }

  return (
    <div className="mt-3 rounded-md border border-slate-200 p-3 text-sm" data-testid="cover-letter">
      <p className="flex items-center gap-1.5 font-medium text-slate-800">
        <FileText aria-hidden className="size-4" /> Cover letter
      </p>
      <p className="text-xs text-slate-600">
        A PDF for the bank from the payment and the saved draft: save the draft first so it includes your latest changes.
        {replaces ? ` Attaching it replaces “${replaces}” as the other file.` : ""}
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <a className="font-medium text-indigo-700 underline" href={previewUrl} download>
          Preview cover letter (PDF)
        </a>
        <button type="button" className={secondaryButton} disabled={pending} onClick={() => void run()}>
          {pending ? "Attaching…" : "Attach cover letter"}
        </button>
      </div>
      <div className="mt-2">
        <ResultMessage result={result} />
      </div>
    </div>
  );
}
