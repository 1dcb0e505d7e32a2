"use client";

import { useId, useMemo, useState, type ChangeEvent } from "react";
import { dangerButton, errorProps, Field, inputClass, primaryButton, ResultMessage, secondaryButton, useMoneyAction, type MoneyAction } from "@/components/payments/action-form";
import {
  ALL_FILES_LIMIT_BYTES,
  ALL_TEXT_LIMIT,
  evidenceChecklist,
  evidenceTextToSend,
  FILE_FIELDS,
  FILE_LIMIT_BYTES,
  orderedFileFields,
  orderedTextFields,
  TEXT_FIELDS,
  textLength,
  textLimit,
  textTooLongMessage,
  type FileField,
  type TextField,
} from "@/lib/disputes/evidence-fields";
import type { ActionResult } from "@/lib/audit/result";
import { formatCount } from "@/lib/format";
import { evidenceCompleteness } from "@/lib/disputes/completeness";
import { FormCard } from "@/components/ui/form-card";
import type { Ce3Panel } from "@/lib/disputes/ce3/panel";
import type { AttachedCoverLetter } from "@/lib/disputes/cover-letter/result";
import { Ce3Candidates, ce3Payload, initialCe3Choice, type Ce3Choice } from "./ce3-candidates";
import { CoverLetter } from "./cover-letter";
import { EvidenceScore } from "./evidence-score";
import { uploadEvidenceFile } from "./upload-evidence-file";

export interface EvidenceFileState {
  id: string;
  filename: string;
  size: number;
}

function megabytes(bytes: number): string {
  if (bytes > 0 && bytes < 100 * 1024) return `${Math.max(0.1, bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(2)} MB`;
}

/**
 * The evidence form: the fields that matter for the dispute's reason first (a checklist), Stripe's
 * text limits, files with upload progress and a live meter against the 4.5 MB total. Save draft
 * stages (submit=false); Submit is final, behind a confirmation, and leaves the form read-only.
 */
export function EvidenceForm({
  disputeId,
  reason,
  readOnlyNote,
  submitted,
  initialText,
  initialFiles,
  uploadUrl,
  stage,
  submit,
  locale,
  ce3 = null,
  coverLetter = null,
}: {
  disputeId: string;
  reason: string;
  /** Why the evidence cannot be changed (submitted, closed, past due, role); null when it can. */
  readOnlyNote: string | null;
  submitted: boolean;
  initialText: Record<string, string>;
  initialFiles: Partial<Record<FileField, EvidenceFileState>>;
  uploadUrl: string;
  stage: MoneyAction;
  submit: MoneyAction;
  /** The viewer's locale, for the character counts. */
  locale: string;
  /** Visa CE 3.0 candidates, for a dispute Stripe marks eligible. */
  ce3?: Ce3Panel | null;
  /** Where the cover letter downloads and how it is attached, when staff may change the evidence. */
  coverLetter?: { previewUrl: string; attach: (input: unknown) => Promise<AttachedCoverLetter> } | null;
}) {
  const id = useId();
  const readOnly = readOnlyNote !== null;
  const [text, setText] = useState<Record<string, string>>(initialText);
  const [files, setFiles] = useState<Partial<Record<FileField, EvidenceFileState>>>(initialFiles);
  const [progress, setProgress] = useState<Partial<Record<FileField, number>>>({});
  const [fileErrors, setFileErrors] = useState<Partial<Record<FileField, string>>>({});
  const [confirming, setConfirming] = useState(false);
  const [showAll, setShowAll] = useState(false);
  const [ce3Choice, setCe3Choice] = useState<Ce3Choice | null>(ce3 ? initialCe3Choice(ce3, readOnly) : null);
  const staging = useMoneyAction(stage);
  const submitting = useMoneyAction(submit, () => setConfirming(false));
  const pending = staging.pending || submitting.pending;
  const checklist = evidenceChecklist(reason);
  const textFields = orderedTextFields(reason);
  const fileFields = orderedFileFields(reason);
  // Read-only shows what was sent; editing shows the checklist first and the rest on request.
  const visibleText = readOnly ? textFields.filter((f) => text[f]) : showAll ? textFields : textFields.filter((f) => checklist.includes(f) || text[f]);
  const visibleFiles = readOnly ? fileFields.filter((f) => files[f]) : showAll ? fileFields : fileFields.filter((f) => checklist.includes(f) || files[f]);
  const bytesUsed = useMemo(() => Object.values(files).reduce((n, f) => n + (f?.size ?? 0), 0), [files]);
  const completeness = evidenceCompleteness(reason, { text, files });
  const textUsed = Object.entries(text).reduce((n, [field, v]) => n + textLength(evidenceTextToSend(field as TextField, v)), 0);

  const payload = () => {
    const values: Record<string, string> = { disputeId };
    for (const [field, value] of Object.entries(text)) if (value.trim()) values[field] = value;
    for (const [field, file] of Object.entries(files)) if (file) values[field] = file.id;
    return ce3Choice ? { ...values, ...ce3Payload(ce3Choice) } : values;
  };

  async function upload(field: FileField, file: File) {
    setFileErrors((e) => ({ ...e, [field]: undefined }));
    if (!["application/pdf", "image/jpeg", "image/png"].includes(file.type)) return setFileErrors((e) => ({ ...e, [field]: "Only PDF, JPEG and PNG files are accepted." }));
    if (file.size > FILE_LIMIT_BYTES) return setFileErrors((e) => ({ ...e, [field]: "Each file may be at most 5 MB." }));
    if (bytesUsed - (files[field]?.size ?? 0) + file.size > ALL_FILES_LIMIT_BYTES) {
      return setFileErrors((e) => ({ ...e, [field]: "All files together may be at most 4.5 MB." }));
    }
    setProgress((p) => ({ ...p, [field]: 0 }));
    const result: ActionResult = await uploadEvidenceFile(uploadUrl, { actionId: crypto.randomUUID(), field, file }, (f) => setProgress((p) => ({ ...p, [field]: f })));
    setProgress((p) => ({ ...p, [field]: undefined }));
    if (result.ok && result.objectId) setFiles((all) => ({ ...all, [field]: { id: result.objectId!, filename: file.name, size: file.size } }));
    else if (!result.ok) setFileErrors((e) => ({ ...e, [field]: result.fieldErrors?.file?.[0] ?? result.error }));
  }

  return (
    <FormCard title={submitted ? "Evidence submitted" : "Evidence"} description={readOnlyNote} onSubmit={() => staging.run(payload())}>
      <EvidenceScore reason={reason} completeness={completeness} locale={locale} />
      {coverLetter && !readOnly ? (
        <CoverLetter
          previewUrl={coverLetter.previewUrl}
          disputeId={disputeId}
          attach={coverLetter.attach}
          replaces={files.uncategorized_file?.filename ?? null}
          onAttached={(file) => setFiles((all) => ({ ...all, uncategorized_file: file }))}
        />
      ) : null}
      {ce3 && ce3Choice ? <Ce3Candidates panel={ce3} choice={ce3Choice} onChange={setCe3Choice} readOnly={readOnly || pending} /> : null}
      <fieldset disabled={readOnly || pending} className="mt-4 space-y-4">
        <legend className="sr-only">Evidence fields</legend>
        {visibleText.map((field) => {
          const limit = textLimit(field);
          const value = text[field] ?? "";
          // No maxLength: it would silently cut pasted text. The count is of what the server checks and
          // sends, and going over shows the server's own message as the person types.
          const length = textLength(evidenceTextToSend(field, value));
          const error = length > limit ? textTooLongMessage(field, length, locale) : undefined;
          const fieldId = `${id}-${field}`;
          const inputProps = { id: fieldId, name: field, value, onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setText((t) => ({ ...t, [field]: e.target.value })), className: inputClass, ...errorProps(fieldId, error) };
          return (
            <Field key={field} id={fieldId} label={TEXT_FIELDS[field].label} error={error} hint={`${formatCount(length, locale)} / ${formatCount(limit, locale)} characters`}>
              {TEXT_FIELDS[field].long ? <textarea rows={3} {...inputProps} /> : <input {...inputProps} />}
            </Field>
          );
        })}
        <div>
          <p className="text-sm font-medium text-slate-800">Files (PDF, JPEG or PNG; 5 MB each)</p>
          <div className="mt-1" aria-live="polite">
            <meter id={`${id}-meter`} min={0} max={ALL_FILES_LIMIT_BYTES} value={bytesUsed} high={ALL_FILES_LIMIT_BYTES * 0.9} className="h-2 w-full" aria-label="Space used by evidence files" />
            <p className="text-xs text-slate-600" data-testid="files-meter">
              {megabytes(bytesUsed)} of 4.50 MB used
            </p>
          </div>
          <ul className="mt-2 space-y-2">
            {visibleFiles.map((field) => {
              const fieldId = `${id}-file-${field}`;
              const current = files[field];
              const p = progress[field];
              return (
                <li key={field} className="text-sm">
                  <label htmlFor={fieldId} className="block font-medium text-slate-800">
                    {FILE_FIELDS[field]}
                  </label>
                  {current ? (
                    <p className="text-slate-700">
                      {current.filename} ({megabytes(current.size)})
                      {!readOnly ? (
                        <button type="button" className="ml-2 text-xs text-red-700 underline" onClick={() => setFiles((all) => ({ ...all, [field]: undefined }))}>
                          Remove
                        </button>
                      ) : null}
                    </p>
                  ) : null}
                  {!readOnly ? (
                    <input
                      id={fieldId}
                      type="file"
                      accept="application/pdf,image/jpeg,image/png"
                      className="mt-1 block text-sm"
                      aria-describedby={fileErrors[field] ? `${fieldId}-error` : undefined}
                      onChange={(e) => {
                        const file = e.currentTarget.files?.[0];
                        e.currentTarget.value = "";
                        if (file) void upload(field, file);
                      }}
                    />
                  ) : null}
                  {p !== undefined ? <progress max={1} value={p} aria-label={`Uploading ${FILE_FIELDS[field]}`} className="mt-1 h-2 w-full" /> : null}
                  {fileErrors[field] ? (
                    <p id={`${fieldId}-error`} className="mt-1 text-xs text-red-700">
                      {fileErrors[field]}
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </div>
        {!readOnly && !showAll ? (
          <button type="button" className="min-h-11 text-sm font-medium text-indigo-700 underline md:min-h-0" onClick={() => setShowAll(true)}>
            Show all evidence fields
          </button>
        ) : null}
      </fieldset>
      {!readOnly ? (
        <>
          <p className={`mt-3 text-xs ${textUsed > ALL_TEXT_LIMIT ? "text-red-700" : "text-slate-500"}`}>
            {formatCount(textUsed, locale)} of {formatCount(ALL_TEXT_LIMIT, locale)} characters of text in total
          </p>
          {confirming ? (
            <div role="alertdialog" aria-label="Confirm submitting evidence" className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
              <p className="font-medium">Submitting is final.</p>
              <p>The bank receives this evidence once; you cannot change or add to it afterwards.</p>
              <div className="mt-2 flex gap-2">
                <button type="button" disabled={pending} className={dangerButton} onClick={() => submitting.run({ ...payload(), confirm: "submit" })}>
                  {submitting.pending ? "Submitting…" : "Submit evidence now"}
                </button>
                <button type="button" className={secondaryButton} onClick={() => setConfirming(false)}>
                  Keep editing
                </button>
              </div>
            </div>
          ) : (
            <div className="mt-3 flex flex-wrap items-center gap-3">
              <button type="submit" disabled={pending} className={secondaryButton}>
                {staging.pending ? "Saving…" : "Save draft"}
              </button>
              <button type="button" disabled={pending} className={primaryButton} onClick={() => setConfirming(true)}>
                Submit evidence…
              </button>
            </div>
          )}
          <div className="mt-2">
            <ResultMessage result={submitting.result ?? staging.result} />
          </div>
        </>
      ) : null}
    </FormCard>
  );
}
