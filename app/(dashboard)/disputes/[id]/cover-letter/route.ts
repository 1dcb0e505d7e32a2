import { NextResponse } from "next/server";
import { refusalStatus, requirePermission } from "@/lib/auth/require-role";
import { buildCoverLetter } from "@/lib/disputes/cover-letter/attach";

// The cover letter as a download, to read before attaching it (attachCoverLetterAction).
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const access = await requirePermission("disputes.evidence.stage");
  if (!access.ok) return NextResponse.json({ ok: false, error: access.error, code: access.reason }, { status: refusalStatus(access) });
  const built = await buildCoverLetter(access.staff, (await params).id);
  if (!built.ok) return NextResponse.json(built.result, { status: 404 });
  return new NextResponse(Buffer.from(built.bytes), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${built.filename}"`,
      "cache-control": "no-store",
    },
  });
}
