import { db } from "@/lib/db";
import type { RejectionReason } from "./verify";

/** Counted for the health view; losing one of these while the database is down is acceptable. */
export async function noteRejectedDelivery(reason: RejectionReason): Promise<void> {
  try {
    await db().webhookRejection.create({ data: { reason } });
  } catch {
    // The delivery is refused either way; Stripe's own log keeps the attempt.
  }
}
