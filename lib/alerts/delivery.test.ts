import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordStripeEvent } from "@/lib/webhooks/record";
import { useTestDatabase } from "@/tests/support/db";
import { exampleObject, stripeEvent, T0 } from "@/tests/support/webhooks/events";
import { readLocalMailbox, startLocalMailbox, type LocalMailbox } from "./mailbox";
import type { MailConfig } from "./mail-config";
import { mailRetryDelayMs, sendDueAlertMail } from "./sender";

// Exactly once, end to end: webhook deliveries duplicated and shuffled, a sender draining the
// outbox between them while the SMTP server refuses part of the time. Every alert expected is
// mailed once: none lost, none doubled.

const database = useTestDatabase();
let mailbox: LocalMailbox;
let refusing = false;
let config: MailConfig;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "ledgerline-delivery-test-"));
  mailbox = await startLocalMailbox({ dir, refuse: () => (refusing ? { code: 421, message: "Service not available, closing channel" } : null) });
  config = { smtpUrl: mailbox.url, from: "alerts@shop.test", appUrl: "http://127.0.0.1:3000", localMailboxDir: dir, secret: "d".repeat(40) };
});
afterAll(async () => {
  await mailbox.close();
  rmSync(mailbox.dir, { recursive: true, force: true });
});

const dispute = (n: number, status: string) =>
  exampleObject("dispute", {
    id: `du_storm_${n}`, amount: 1000 + n, charge: `ch_storm_${n}`, payment_intent: `pi_storm_${n}`, currency: "usd", created: T0 + n, reason: "fraudulent", status,
    is_charge_refundable: false, balance_transactions: [],
    evidence_details: { due_by: T0 + 7 * 86400, has_evidence: false, past_due: false, submission_count: 0, enhanced_eligibility: {} },
  });

describe("alert delivery under duplicates, shuffling and a refusing mail server", () => {
  it("mails every expected alert exactly once", async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), async (disputes, seed) => {
        await database.truncateAll();
        rmSync(mailbox.dir, { recursive: true, force: true });
        await db().staffUser.createMany({
          data: [
            { email: "ada@shop.test", name: "Ada", roles: ["administrator"], passwordHash: "unused" },
            { email: "aldo@shop.test", name: "Aldo", roles: ["support_specialist", "refund_analyst", "dispute_analyst"], passwordHash: "unused" },
            { email: "vera@shop.test", name: "Vera", roles: ["view_only"], passwordHash: "unused" },
          ],
        });
        const events = Array.from({ length: disputes }, (_, i) => [
          stripeEvent("charge.dispute.created", T0 + i, dispute(i, "needs_response")),
          stripeEvent("charge.dispute.closed", T0 + i + 100, dispute(i, "lost")),
        ]).flat();
        // Each event delivered one to three times, in a shuffled order.
        let state = seed;
        const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
        const deliveries = events.flatMap((e) => Array.from({ length: 1 + Math.floor(random() * 3) }, () => e)).sort(() => random() - 0.5);
        // From the wall clock: raising an alert makes its mail due at the database's now, so a fixed
        // instant would leave every mail not yet due (after it) or due at once (before it).
        let now = new Date();
        for (const [i, event] of deliveries.entries()) {
          await recordStripeEvent(event, "webhook");
          if (i % 3 === 0) {
            refusing = random() < 0.5;
            await sendDueAlertMail({ now, config });
            now = new Date(now.getTime() + mailRetryDelayMs(1));
          }
        }
        refusing = false;
        for (let round = 0; round < 10 && (await db().alertEmail.count({ where: { status: "pending" } })) > 0; round++) {
          now = new Date(now.getTime() + mailRetryDelayMs(8));
          await sendDueAlertMail({ now, config });
        }
        // Admins and agents are mailed about both rules; viewers only see them in the inbox.
        const expected = disputes * 2 * 2;
        const mails = await readLocalMailbox(mailbox.dir);
        expect(await db().alert.count()).toBe(disputes * 2 * 3);
        expect(mails).toHaveLength(expected);
        expect(new Set(mails.map((m) => `${m.to} ${m.subject} ${m.text}`)).size).toBe(expected);
        expect(await db().alertEmail.count({ where: { status: "sent" } })).toBe(expected);
        // The mailbox keeps one copy per Message-ID: the attempts show no row was sent twice either.
        expect(await db().alertEmailAttempt.count({ where: { outcome: "sent" } })).toBe(expected);
        refused += await db().alertEmailAttempt.count({ where: { outcome: "retry" } });
      }),
      { numRuns: 4, seed: 1414, endOnFailure: true },
    );
    // The runs did meet a refusing server, or they proved nothing about it.
    expect(refused).toBeGreaterThan(0);
    // Four runs of up to thirty deliveries and mail rounds: ~15 s here, half the 30 s default.
  }, 120_000);
});
