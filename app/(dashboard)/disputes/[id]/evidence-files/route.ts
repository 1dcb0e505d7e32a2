import { NextResponse } from "next/server";
import { refusalStatus, requireRole } from "@/lib/auth/require-role";
import { rolesWith } from "@/lib/auth/roles";
import { uploadEvidenceFile } from "@/lib/disputes/evidence-files";

// One evidence file per request, so the browser can show upload progress (server actions cannot).
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const access = await requireRole(...rolesWith("stageEvidence"));
  if (!access.ok) return NextResponse.json({ ok: false, error: access.error, code: access.reason }, { status: refusalStatus(access) });
  const { id } = await params;
  const form = await request.formData().catch(() => null);
  if (!form) return NextResponse.json({ ok: false, error: "Send the file as a form upload." }, { status: 400 });
  const result = await uploadEvidenceFile(access.staff, {
    actionId: form.get("actionId"),
    disputeId: id,
    field: form.get("field"),
    file: form.get("file"),
  });
  return NextResponse.json(result, { status: result.ok ? 200 : result.code === "invalid" || result.code === "refused" ? 400 : 409 });
}
