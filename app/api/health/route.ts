import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const report = await checkHealth();
  return Response.json(report, {
    status: report.database.reachable ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
