import { db } from "@/lib/db";

/**
 * A session signed in before its account was disabled never works again, even after the account
 * is re-enabled: the person signs in afresh. The audit log already records when each disable
 * happened, so no extra state is needed.
 */
export async function wasDisabledSince(staffId: string, signedInAt: Date): Promise<boolean> {
  const disables = await db().staffAction.count({
    where: { objectId: staffId, kind: "staff.disable", status: "succeeded", completedAt: { gte: signedInAt } },
  });
  return disables > 0;
}
