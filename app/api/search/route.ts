import { refusalStatus, requirePermission } from "@/lib/auth/require-role";
import { searchEverything } from "@/lib/search/search";

export const dynamic = "force-dynamic";

// The shell's search box asks here as the person types: ?q=<text>.
export async function GET(request: Request): Promise<Response> {
  const headers = { "Cache-Control": "no-store" };
  const access = await requirePermission("dashboard.read");
  if (!access.ok) return Response.json({ error: access.error }, { status: refusalStatus(access), headers });
  const answer = await searchEverything(access.staff, new URL(request.url).searchParams.get("q") ?? "");
  return answer.ok ? Response.json({ groups: answer.groups }, { headers }) : Response.json({ error: answer.error }, { status: 400, headers });
}
