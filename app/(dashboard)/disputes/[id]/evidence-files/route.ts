import { NextResponse } from "next/server";
import { refusalStatus, requirePermission } from "@/lib/auth/require-role";
import { uploadEvidenceFile } from "@/lib/disputes/evidence-files";
import { readEvidenceUpload } from "@/lib/disputes/evidence-upload";
import { isCrossSiteRequest } from "@/lib/security/same-origin";

// One evidence file per request, so the browser can show upload progress (server actions cannot).
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  // Server actions check Origin themselves; this route is a plain POST and must do it.
  if (isCrossSiteRequest(request)) {
    return NextResponse.json({ ok: false, error: "This upload was sent from another site, so it was refused.", code: "cross_origin" }, { status: 403 });
  }
  const access = await requirePermission("disputes.evidence.stage");
  if (!access.ok) return NextResponse.json({ ok: false, error: access.error, code: access.reason }, { status: refusalStatus(access) });
  const { id } = await params;
  const upload = await readEvidenceUpload(request);
  if (!upload.ok) return NextResponse.json({ ok: false, error: upload.error, code: "invalid", fieldErrors: { file: [upload.error] } }, { status: upload.status });
  const result = await uploadEvidenceFile(access.staff, {
    actionId: upload.fields.actionId,
    disputeId: id,
    field: upload.fields.field,
    file: upload.file,
  });
  return NextResponse.json(result, { status: result.ok ? 200 : result.code === "invalid" || result.code === "refused" ? 400 : 409 });
}
