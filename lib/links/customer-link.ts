import { db } from "@/lib/db";
import type { CustomerLink, CustomerLinkPurpose, Prisma } from "@/lib/generated/prisma/client";
import { hashLinkToken, LINK_LIFETIME_MS, looksLikeLinkToken, newLinkToken } from "./tokens";

/**
 * Signed, expiring, single-use links that let a customer act without a staff login: save a card
 * (`/setup/<token>`) or authenticate a payment (`/pay/<token>`).
 */

export type LinkPurpose = CustomerLinkPurpose;

export const LINK_PURPOSES = ["setup_card", "payment"] as const satisfies readonly LinkPurpose[];

export const LINK_PATH: Record<LinkPurpose, string> = { setup_card: "/setup", payment: "/pay" };

/** The name staff know each kind of link by. */
export const LINK_LABEL: Record<LinkPurpose, string> = { setup_card: "card link", payment: "payment link" };

export interface IssuedLink {
  id: string;
  token: string;
  path: string;
  expiresAt: Date;
}

export interface LinkTarget {
  purpose: LinkPurpose;
  customerId: string;
  createdById: string;
  setupIntentId?: string | null;
  paymentIntentId?: string | null;
  now?: Date;
}

export async function issueCustomerLink(target: LinkTarget, tx: Prisma.TransactionClient = db()): Promise<IssuedLink> {
  const token = newLinkToken();
  const now = target.now ?? new Date();
  const link = await tx.customerLink.create({
    data: {
      tokenHash: hashLinkToken(token),
      purpose: target.purpose,
      customerId: target.customerId,
      createdById: target.createdById,
      setupIntentId: target.setupIntentId ?? null,
      paymentIntentId: target.paymentIntentId ?? null,
      expiresAt: new Date(now.getTime() + LINK_LIFETIME_MS),
    },
  });
  return { id: link.id, token, path: `${LINK_PATH[target.purpose]}/${token}`, expiresAt: link.expiresAt };
}

export type LinkRefusal = "invalid" | "expired" | "used" | "revoked";

export type LinkCheck = { ok: true; link: CustomerLink } | { ok: false; reason: LinkRefusal; message: string };

const REFUSAL_MESSAGE: Record<LinkRefusal, string> = {
  invalid: "This link is not valid. Check that you copied all of it, or ask the merchant for a new one.",
  expired: "This link has expired. Ask the merchant to send you a new one.",
  used: "This link has already been used, so it cannot be used again. Ask the merchant if you need another.",
  revoked: "The merchant has withdrawn this link. Ask them for a new one if you still need it.",
};

export function linkRefusal(reason: LinkRefusal): { ok: false; reason: LinkRefusal; message: string } {
  return { ok: false, reason, message: REFUSAL_MESSAGE[reason] };
}

/**
 * The customer-side gate, in place of a staff role: the token must hash to a link for this purpose
 * that is neither expired, used nor withdrawn. Nothing tells a tampered token from an unknown one.
 */
export async function requireCustomerLink(token: unknown, purpose: LinkPurpose, now = new Date()): Promise<LinkCheck> {
  if (typeof token !== "string" || !looksLikeLinkToken(token)) return linkRefusal("invalid");
  const link = await db().customerLink.findUnique({ where: { tokenHash: hashLinkToken(token) } });
  if (!link || link.purpose !== purpose) return linkRefusal("invalid");
  if (link.revokedAt) return linkRefusal("revoked");
  if (link.usedAt) return linkRefusal("used");
  if (link.expiresAt.getTime() <= now.getTime()) return linkRefusal("expired");
  // A customer deleted at Stripe: their links are withdrawn with the deletion (projectCustomer);
  // this covers one issued by a racing form after it.
  const customer = await db().customer.findUnique({ where: { id: link.customerId }, select: { deleted: true } });
  if (customer?.deleted) return linkRefusal("revoked");
  return { ok: true, link };
}

export type LinkStatus = "open" | "used" | "withdrawn" | "expired";

/** What became of a link, as staff see it: a use or a withdrawal says more than the clock. */
export function linkStatus(link: Pick<CustomerLink, "usedAt" | "revokedAt" | "expiresAt">, now = new Date()): LinkStatus {
  if (link.usedAt) return "used";
  if (link.revokedAt) return "withdrawn";
  if (link.expiresAt.getTime() <= now.getTime()) return "expired";
  return "open";
}

/** Withdraws a link whose customer Stripe no longer has, found before the webhook says so. */
export async function revokeLink(linkId: string, now = new Date()): Promise<void> {
  await db().customerLink.updateMany({ where: { id: linkId, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
}

/** Single use: only the first completion wins, even with two tabs open. */
export async function markLinkUsed(linkId: string, now = new Date()): Promise<boolean> {
  const { count } = await db().customerLink.updateMany({ where: { id: linkId, usedAt: null }, data: { usedAt: now } });
  return count === 1;
}
