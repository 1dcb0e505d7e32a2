import { createHmac, timingSafeEqual } from "node:crypto";
import { db } from "@/lib/db";
import { isAlertRuleId, alertRule, type AlertRuleId } from "./rules";

/**
 * One-click unsubscribe links (RFC 8058): each mail carries a link that turns off email for that
 * one rule, for that one person. The token names both and an expiry, signed with a key derived
 * from the session secret, so it cannot be changed to another person or rule, and an old mail
 * stops working after a while (its inbox copy and the preferences page still do).
 */

export const UNSUBSCRIBE_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

export interface UnsubscribeClaim {
  staffId: string;
  rule: AlertRuleId;
  expiresAt: Date;
}

function signature(secret: string, payload: string): Buffer {
  // A key of its own: a session token's signature can never pass for an unsubscribe one.
  const key = createHmac("sha256", secret).update("ledgerline alert unsubscribe v1").digest();
  return createHmac("sha256", key).update(payload).digest();
}

export function unsubscribeToken(secret: string, staffId: string, rule: AlertRuleId, now = new Date()): string {
  const payload = Buffer.from(JSON.stringify({ s: staffId, r: rule, e: Math.floor((now.getTime() + UNSUBSCRIBE_LIFETIME_MS) / 1000) })).toString("base64url");
  return `${payload}.${signature(secret, payload).toString("base64url")}`;
}

export type UnsubscribeCheck = { ok: true; claim: UnsubscribeClaim } | { ok: false; error: string };

const TAMPERED = "This unsubscribe link is not valid: it was changed or cut short. Open the alert preferences in Ledgerline instead.";

export function readUnsubscribeToken(secret: string, token: string | null | undefined, now = new Date()): UnsubscribeCheck {
  const [payload, sent, extra] = (token ?? "").split(".");
  if (!payload || !sent || extra !== undefined || !/^[\w-]+$/.test(payload) || !/^[\w-]+$/.test(sent)) return { ok: false, error: TAMPERED };
  const expected = signature(secret, payload);
  const given = Buffer.from(sent, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, error: TAMPERED };
  let body: { s?: unknown; r?: unknown; e?: unknown };
  try {
    body = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as typeof body;
  } catch {
    return { ok: false, error: TAMPERED };
  }
  if (typeof body.s !== "string" || !isAlertRuleId(body.r) || typeof body.e !== "number") return { ok: false, error: TAMPERED };
  const expiresAt = new Date(body.e * 1000);
  if (expiresAt <= now) {
    return { ok: false, error: "This unsubscribe link has expired. Turn the email off in Ledgerline: Settings → Alerts." };
  }
  return { ok: true, claim: { staffId: body.s, rule: body.r, expiresAt } };
}

export type UnsubscribeResult = { ok: true; message: string } | { ok: false; error: string };

/** Turns email off for the token's person and rule; the inbox keeps showing the alerts. */
export async function unsubscribeWithToken(secret: string, token: string | null | undefined, now = new Date()): Promise<UnsubscribeResult> {
  const check = readUnsubscribeToken(secret, token, now);
  if (!check.ok) return check;
  const { staffId, rule } = check.claim;
  const staff = await db().staffUser.findUnique({ where: { id: staffId }, select: { id: true } });
  if (!staff) return { ok: false, error: "This unsubscribe link belongs to an account that no longer exists." };
  await db().alertPreference.upsert({
    where: { staffId_rule: { staffId, rule } },
    create: { staffId, rule, email: false, cadence: "instant" },
    update: { email: false },
  });
  return { ok: true, message: `You will no longer get email for “${alertRule(rule).label}”. These alerts still appear in your Ledgerline inbox.` };
}
