// The storm's alert-mail count (scripts/proof/storm-alerts.ts) on the real database: it must see
// a mail accepted twice, a mail never accepted and an expected alert never raised, or the storm's
// "0 duplicates, 0 lost" would prove nothing.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Stripe } from "@/lib/stripe/client";
import { recordStripeEvent } from "@/lib/webhooks/record";
import { alertMailOutcome, seedStormStaff, startStormMailbox, type StormMailbox } from "@/scripts/proof/storm-alerts";
import { useTestDatabase } from "@/tests/support/db";
import { exampleObject, stripeEvent, T0 } from "@/tests/support/webhooks/events";

const database = useTestDatabase();
const scratch = mkdtempSync(path.join(tmpdir(), "storm-alerts-"));
let box: StormMailbox;

beforeAll(async () => {
  box = await startStormMailbox(scratch);
});

afterAll(async () => {
  await box?.mailbox.close();
  rmSync(scratch, { recursive: true, force: true });
});

const disputeCreated = (n: number) =>
  stripeEvent("charge.dispute.created", T0 + n, exampleObject("dispute", {
    id: `du_storm_${n}`, amount: 2500, charge: `ch_${n}`, payment_intent: `pi_${n}`, currency: "usd", created: T0, reason: "fraudulent", status: "needs_response",
    is_charge_refundable: false, balance_transactions: [], evidence_details: { due_by: T0 + 7 * 86400, has_evidence: false, past_due: false, submission_count: 0, enhanced_eligibility: {} },
  }));

describe("the storm's alert-mail count", () => {
  it("finds mails doubled and lost, and alerts missing, against what Stripe's events call for", async () => {
    await database.truncateAll();
    await seedStormStaff(db());
    const [one, two, three] = [disputeCreated(1), disputeCreated(2), disputeCreated(3)];
    await recordStripeEvent(one, "webhook");
    await recordStripeEvent(two, "webhook");
    // Stripe lists the third; it never reached the app.
    const events = [one, two, three] as unknown as Stripe.Event[];
    const mails = await db().alertEmail.findMany({ orderBy: { createdAt: "asc" } });
    expect(mails).toHaveLength(4);
    // Three accepted once, one twice, and none of the third event's two mails.
    for (const [i, mail] of mails.entries()) box.accepted.set(`<alert-${mail.id}@ledgerline.invalid>`, i === 0 ? 2 : 1);

    expect(await alertMailOutcome(db(), events, box)).toMatchObject({
      staff: 3, alertsExpected: 9, alertsRaised: 6, alertsMissing: 3, alertsExtra: 0,
      mailsExpected: 6, mailsDelivered: 4, duplicateMails: 1, lostMails: 2,
    });
    box.accepted.delete(`<alert-${mails[3]!.id}@ledgerline.invalid>`);
    expect(await alertMailOutcome(db(), events, box)).toMatchObject({ mailsDelivered: 3, lostMails: 3 });
  });
});
