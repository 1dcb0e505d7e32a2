import { unreadAlertCount } from "@/lib/alerts/inbox";
import { refusalStatus, requirePermission } from "@/lib/auth/require-role";

export const dynamic = "force-dynamic";

// The bell's count, polled by the shell: one's own unread alerts only.
export async function GET(): Promise<Response> {
  const access = await requirePermission("self.manage");
  if (!access.ok) return Response.json({ error: access.error }, { status: refusalStatus(access), headers: { "Cache-Control": "no-store" } });
  return Response.json({ unread: await unreadAlertCount(access.staff.id) }, { headers: { "Cache-Control": "no-store" } });
}
