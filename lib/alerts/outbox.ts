import { db } from "@/lib/db";

/** What admins see of alert mail that has not gone out: failed for good, or still being retried. */

export interface UndeliveredMail {
  id: string;
  recipient: string;
  subject: string | null;
  status: "failed" | "retrying";
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
}

export async function undeliveredAlertMail(limit = 100): Promise<UndeliveredMail[]> {
  const rows = await db().alertEmail.findMany({
    where: { OR: [{ status: "failed" }, { status: "pending", attempts: { gt: 0 } }] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    include: { recipient: { select: { name: true, email: true } } },
  });
  return rows.map((r) => ({
    id: r.id, recipient: `${r.recipient.name} <${r.recipient.email}>`, subject: r.subject, status: r.status === "failed" ? "failed" : "retrying",
    attempts: r.attempts, lastError: r.lastError, nextAttemptAt: r.status === "failed" ? null : r.nextAttemptAt, createdAt: r.createdAt,
  }));
}
