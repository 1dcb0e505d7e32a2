import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DisputeStatusBadge } from "@/components/badges/status-badge";
import { AcceptDispute } from "@/components/disputes/accept-dispute";
import { DueBy } from "@/components/disputes/due-by";
import { EvidenceForm, type EvidenceFileState } from "@/components/disputes/evidence-form";
import { UnsubmittedDraftNotice } from "@/components/disputes/unsubmitted-draft";
import { Timeline } from "@/components/timeline/timeline";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/require-role";
import { can } from "@/lib/auth/permissions";
import { findCe3Candidates } from "@/lib/disputes/ce3/candidates";
import { ce3Panel } from "@/lib/disputes/ce3/panel";
import { disputeDetail } from "@/lib/disputes/detail";
import { unsubmittedDraft } from "@/lib/disputes/draft-deadline";
import { evidenceReadOnlyNote } from "@/lib/disputes/read-only";
import { ANSWERABLE_STATUSES, FILE_FIELD_NAMES, TEXT_FIELD_NAMES, type FileField } from "@/lib/disputes/evidence-fields";
import { disputeReasonLabel, formatDateTime } from "@/lib/format";
import { getViewerFormat } from "@/lib/format/viewer";
import { formatMoney } from "@/lib/money";
import { acceptDisputeAction, attachCoverLetterAction, stageEvidenceAction, submitEvidenceAction } from "./actions";

export const metadata: Metadata = { title: "Dispute · Ledgerline" };

export default async function DisputePage({ params }: { params: Promise<{ id: string }> }) {
  const access = await requirePagePermission("dashboard.read");
  if (!access.ok) return <AccessDenied message={access.error} />;
  const viewer = await getViewerFormat();
  const { id } = await params;
  const detail = await disputeDetail(id);
  if (!detail) notFound();
  const { dispute, payment, evidence } = detail;
  const { roles } = access.staff;
  const open = ANSWERABLE_STATUSES.includes(dispute.status) && dispute.evidenceSubmissionCount === 0;
  const answerable = open && !dispute.pastDue;
  const readOnlyNote = evidenceReadOnlyNote(dispute, can(roles, "disputes.evidence.stage"));
  const ce3 = await findCe3Candidates(dispute.id);
  const now = new Date();
  const draft = unsubmittedDraft(dispute, now);

  const initialText: Record<string, string> = {};
  for (const field of TEXT_FIELD_NAMES) if (evidence[field]) initialText[field] = evidence[field]!;
  const initialFiles: Partial<Record<FileField, EvidenceFileState>> = {};
  for (const field of FILE_FIELD_NAMES) {
    const fileId = evidence[field];
    const ours = detail.files.find((f) => f.field === field && (!fileId || f.id === fileId));
    if (fileId || ours) initialFiles[field] = { id: fileId ?? ours!.id, filename: ours?.filename ?? fileId!, size: ours?.size ?? 0 };
  }

  return (
    <>
      <PageHeader back={{ href: "/disputes", label: "Disputes" }}
        title={`Dispute · ${formatMoney(dispute.amount, dispute.currency, viewer.locale)}`}
        description={`${disputeReasonLabel(dispute.reason)} · ${dispute.id} · opened ${formatDateTime(dispute.created, viewer)}`}
        actions={
          <div className="flex flex-col items-end gap-2">
            <DisputeStatusBadge status={dispute.status} testId="dispute-status" />
            <DueBy dueBy={dispute.dueBy} awaitingResponse={open} viewer={viewer} />
          </div>
        }
      />
      <p className="mb-4 text-sm text-slate-700">
        Payment:{" "}
        {payment ? (
          <Link className="font-medium text-indigo-700 hover:underline" href={`/payments/${payment.id}`}>
            {formatMoney(payment.amount, payment.currency, viewer.locale)} · {payment.description ?? payment.id}
          </Link>
        ) : (
          (dispute.chargeId ?? "unknown")
        )}
        {" · "}evidence submissions: {dispute.evidenceSubmissionCount}
        {dispute.hasEvidence && dispute.evidenceSubmissionCount === 0 ? " · draft saved" : ""}
      </p>
      {draft ? <UnsubmittedDraftNotice draft={draft} now={now} viewer={viewer} /> : null}
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <EvidenceForm
          key={`${dispute.status}-${dispute.evidenceSubmissionCount}`}
          disputeId={dispute.id}
          reason={dispute.reason}
          readOnlyNote={readOnlyNote}
          submitted={dispute.evidenceSubmissionCount > 0}
          initialText={initialText}
          initialFiles={initialFiles}
          uploadUrl={`/disputes/${dispute.id}/evidence-files`}
          stage={stageEvidenceAction}
          submit={submitEvidenceAction}
          locale={viewer.locale}
          ce3={ce3 ? ce3Panel(ce3, viewer) : null}
          coverLetter={{ previewUrl: `/disputes/${dispute.id}/cover-letter`, attach: attachCoverLetterAction }}
        />
        <aside className="space-y-4">
          {answerable && can(roles, "disputes.accept") ? (
            <AcceptDispute disputeId={dispute.id} amountShown={formatMoney(dispute.amount, dispute.currency, viewer.locale)} accept={acceptDisputeAction} inquiry={dispute.status.startsWith("warning_")} />
          ) : null}
          <Timeline entries={detail.timeline} label="Dispute timeline" viewer={viewer} />
        </aside>
      </div>
    </>
  );
}
