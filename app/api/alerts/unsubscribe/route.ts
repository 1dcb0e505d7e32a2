import { mailConfig } from "@/lib/alerts/mail-config";
import { unsubscribePage } from "@/lib/alerts/unsubscribe-page";
import { readUnsubscribeToken, unsubscribeWithToken } from "@/lib/alerts/unsubscribe";
import { alertRule } from "@/lib/alerts/rules";

export const dynamic = "force-dynamic";

// The link in an alert mail. GET only asks (mail scanners open links); POST turns the email off,
// from the confirmation button or a mail client's one-click (RFC 8058, List-Unsubscribe-Post).
export async function GET(request: Request): Promise<Response> {
  const token = new URL(request.url).searchParams.get("token");
  const check = readUnsubscribeToken(mailConfig().secret, token);
  if (!check.ok) return unsubscribePage(400, "This link does not work", check.error);
  return unsubscribePage(200, `Stop emails for “${alertRule(check.claim.rule).label}”?`, "These alerts will still appear in your Ledgerline inbox.", token!);
}

export async function POST(request: Request): Promise<Response> {
  const token = new URL(request.url).searchParams.get("token");
  const result = await unsubscribeWithToken(mailConfig().secret, token);
  return result.ok ? unsubscribePage(200, "Unsubscribed", result.message) : unsubscribePage(400, "This link does not work", result.error);
}
