import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { issueCustomerLink, type IssuedLink, type LinkTarget } from "./customer-link";

/**
 * Issuing a link is "look for one, else create one", a check that two instances answering the same
 * form at once would both pass. A transaction-scoped advisory lock on the intent's id makes the
 * second wait until the first has committed its link, and then find it. No unique index can do
 * this for payment links: whether a link is still open depends on the clock.
 */

export type OnceOutcome = { created: true; link: IssuedLink } | { created: false; link: { id: string; expiresAt: Date } };

/** The link that stands in the way of a new one for the same intent. */
function sameIntent(target: LinkTarget, now: Date): Prisma.CustomerLinkWhereInput {
  if (target.purpose === "setup_card") {
    // One SetupIntent per form: it gets one link, whatever became of that link since.
    return { purpose: "setup_card", setupIntentId: target.setupIntentId };
  }
  // A PaymentIntent outlives its links: once one is used, withdrawn or expired, another may follow.
  return { purpose: "payment", paymentIntentId: target.paymentIntentId, usedAt: null, revokedAt: null, expiresAt: { gt: now } };
}

export function issueCustomerLinkOnce(target: LinkTarget): Promise<OnceOutcome> {
  const intentId = target.purpose === "setup_card" ? target.setupIntentId : target.paymentIntentId;
  if (!intentId) throw new Error(`A ${target.purpose} link needs the id of its intent`);
  const now = target.now ?? new Date();
  return db().$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, intentId);
    const existing = await tx.customerLink.findFirst({
      where: sameIntent(target, now),
      orderBy: { createdAt: "desc" },
      select: { id: true, expiresAt: true },
    });
    if (existing) return { created: false, link: existing };
    return { created: true, link: await issueCustomerLink({ ...target, now }, tx) };
  });
}
