import { NextResponse } from "next/server";
import { refusalStatus, requirePermission } from "@/lib/auth/require-role";
import { analyticsCsv } from "@/lib/disputes/analytics/csv";
import { disputeAnalytics } from "@/lib/disputes/analytics/figures";
import { readPeriod } from "@/lib/disputes/analytics/period";
import { merchantTimeZone } from "@/lib/listing/time-zone";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const access = await requirePermission("dashboard.read");
  if (!access.ok) return NextResponse.json({ ok: false, error: access.error, code: access.reason }, { status: refusalStatus(access) });
  const url = new URL(request.url);
  const reading = readPeriod({ from: url.searchParams.get("from"), to: url.searchParams.get("to") }, await merchantTimeZone());
  if (!reading.ok) return NextResponse.json({ ok: false, error: reading.message, code: "invalid" }, { status: 400 });
  const csv = analyticsCsv(await disputeAnalytics(reading.period));
  return new NextResponse(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="dispute-analytics-${reading.period.from}-to-${reading.period.to}.csv"`,
      "cache-control": "no-store",
    },
  });
}
