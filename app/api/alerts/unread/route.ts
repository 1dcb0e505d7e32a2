import { unreadAlertCount } from "@/lib/alerts/inbox";
import { refusalStatus, requireRole } from "@/lib/auth/require-role";
import { STAFF_ROLES } from "@/lib/auth/roles";

export const dynamic = "force-dynamic";

// The bell's count, polled by the shell: one's own unread alerts only.
export async function GET(): Promise<Response> {
  const access = await requireRole(...STAFF_ROLES);
  if (!access.ok) return Response.json({ error: access.error }, { status: refusalStatus(access), headers: { "Cache-Control": "no-store" } });
  return Response.json({ unread: await unreadAlertCount(access.staff.id) }, { headers: { "Cache-Control": "no-store" } });
}
