import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { readLocalMailbox, startLocalMailbox, type LocalMailbox } from "./mailbox";
import type { MailConfig } from "./mail-config";
import { raiseAlerts } from "./raise";
import { mailRetryDelayMs, sendDueAlertMail, smtpTransport } from "./sender";

const database = useTestDatabase();
const NOW = new Date("2026-12-07T10:00:00Z");
const later = (ms: number) => new Date(NOW.getTime() + ms);

let mailbox: LocalMailbox;
let refusal: { code: number; message: string } | null = null;
let config: MailConfig;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "ledgerline-mail-test-"));
  mailbox = await startLocalMailbox({ dir, refuse: () => refusal });
  config = { smtpUrl: mailbox.url, from: "Shop alerts <alerts@shop.test>", appUrl: "http://127.0.0.1:3000", localMailboxDir: dir, secret: "s".repeat(40) };
});
afterAll(async () => {
  await mailbox.close();
  rmSync(mailbox.dir, { recursive: true, force: true });
});

async function raiseDispute(n = 1) {
  await db().$transaction((tx) =>
    raiseAlerts(tx, [{
      rule: "dispute.opened", sourceKey: `event:evt_${n}`, objectType: "dispute", objectId: `du_${n}`,
      facts: { disputeId: `du_${n}`, amount: 12_345, currency: "usd", reason: "fraudulent", status: "needs_response", dueBy: "2026-12-10T15:00:00.000Z", paymentIntentId: "pi_1" },
    }], NOW),
  );
}

const mails = () => readLocalMailbox(mailbox.dir);
const send = (now: Date, extra: Parameters<typeof sendDueAlertMail>[0] = {}) => sendDueAlertMail({ now, config, ...extra });

describe("the alert mail sender", () => {
  beforeEach(async () => {
    await database.truncateAll();
    rmSync(mailbox.dir, { recursive: true, force: true });
    refusal = null;
    await db().staffUser.createMany({
      data: [
        { email: "ada@shop.test", name: "Ada", roles: ["administrator"], passwordHash: "unused", timeZone: "Europe/Berlin", locale: "de-DE" },
        { email: "aldo@shop.test", name: "Aldo", roles: ["support_specialist", "refund_analyst", "dispute_analyst"], passwordHash: "unused", timeZone: "America/New_York" },
        { email: "vera@shop.test", name: "Vera", roles: ["view_only"], passwordHash: "unused" },
      ],
    });
  });

  it("sends each queued alert once over SMTP, in the recipient's own format, with its link and one-click unsubscribe headers", async () => {
    await raiseDispute();
    const first = await send(NOW);
    expect(first, (await db().alertEmail.findFirst())?.lastError ?? "").toEqual({ sent: 2, retrying: 0, failed: 0 });
    expect(await send(later(60_000))).toEqual({ sent: 0, retrying: 0, failed: 0 });

    const received = await mails();
    expect(received.map((m) => m.to).sort()).toEqual(['"Ada" <ada@shop.test>', '"Aldo" <aldo@shop.test>']);
    const aldo = received.find((m) => m.to.includes("aldo@"))!;
    expect(aldo.subject).toMatch(/: New dispute: \$123\.45 \(Fraudulent\)$/);
    expect(aldo.text).toContain("Evidence due by: Dec 10, 2026, 10:00 AM EST");
    expect(aldo.text).toContain("Open in Ledgerline: http://127.0.0.1:3000/disputes/du_1");
    expect(aldo.html).toContain('href="http://127.0.0.1:3000/disputes/du_1"');
    expect(aldo.headers["list-unsubscribe"]).toMatch(/^<http:\/\/127\.0\.0\.1:3000\/api\/alerts\/unsubscribe\?token=[\w.%-]+>$/);
    expect(aldo.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    const ada = received.find((m) => m.to.includes("ada@"))!;
    expect(ada.text).toMatch(/Evidence due by: 10\. Dez\. 2026, 16:00 MEZ/);
    expect(ada.text).toMatch(/Amount: 123,45\s\$/);

    const rows = await db().alertEmail.findMany({ include: { attemptsLog: true } });
    expect(rows.every((r) => r.status === "sent" && r.attemptsLog.length === 1 && r.attemptsLog[0]!.outcome === "sent")).toBe(true);
  });

  it("sends a person's daily digest once, when their day ends, with every alert of that day in it", async () => {
    const aldo = await db().staffUser.findUniqueOrThrow({ where: { email: "aldo@shop.test" } });
    await db().alertPreference.create({ data: { staffId: aldo.id, rule: "dispute.opened", email: true, cadence: "digest" } });
    for (const n of [1, 2, 3]) await raiseDispute(n);
    // Ada's come at once; Aldo's day in New York ends at 05:00 UTC the next morning.
    expect(await send(NOW)).toEqual({ sent: 3, retrying: 0, failed: 0 });
    expect(await send(new Date("2026-12-08T04:59:59Z"))).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await send(new Date("2026-12-08T05:00:00Z"))).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(await send(new Date("2026-12-09T05:00:00Z"))).toEqual({ sent: 0, retrying: 0, failed: 0 });
    const digest = (await mails()).filter((m) => m.to.includes("aldo@"));
    expect(digest).toHaveLength(1);
    expect(digest[0]!.subject).toMatch(/: 3 alerts today$/);
    for (const n of [1, 2, 3]) expect(digest[0]!.text).toContain(`/disputes/du_${n}`);
  });

  it("retries with a growing delay while SMTP refuses for now, recording each attempt, then sends once", async () => {
    await raiseDispute();
    refusal = { code: 451, message: "Try again later" };
    expect(await send(NOW)).toEqual({ sent: 0, retrying: 2, failed: 0 });
    // Not due again before its delay.
    expect(await send(later(mailRetryDelayMs(1) - 1000))).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await send(later(mailRetryDelayMs(1)))).toEqual({ sent: 0, retrying: 2, failed: 0 });
    const row = await db().alertEmail.findFirstOrThrow();
    expect(row.nextAttemptAt).toEqual(later(mailRetryDelayMs(1) + mailRetryDelayMs(2)));
    expect(row.lastError).toMatch(/^451 .*Try again later/);
    refusal = null;
    expect(await send(later(10 * 60_000))).toEqual({ sent: 2, retrying: 0, failed: 0 });
    expect(await mails()).toHaveLength(2);
    const attempts = await db().alertEmailAttempt.findMany({ where: { emailId: row.id }, orderBy: { startedAt: "asc" } });
    expect(attempts.map((a) => a.outcome)).toEqual(["retry", "retry", "sent"]);
  });

  it("marks a mail refused for good as failed, with the server's answer, and leaves it", async () => {
    await raiseDispute();
    refusal = { code: 550, message: "No such mailbox" };
    expect(await send(NOW)).toEqual({ sent: 0, retrying: 0, failed: 2 });
    refusal = null;
    expect(await send(later(24 * 60 * 60_000))).toEqual({ sent: 0, retrying: 0, failed: 0 });
    const rows = await db().alertEmail.findMany();
    expect(rows.map((r) => [r.status, r.lastError?.slice(0, 3)])).toEqual([["failed", "550"], ["failed", "550"]]);
  });

  it("keeps retrying through an SMTP server that is down, and sends once it is back", async () => {
    await raiseDispute();
    const down = { ...config, smtpUrl: "smtp://127.0.0.1:1" };
    expect(await sendDueAlertMail({ now: NOW, config: down })).toEqual({ sent: 0, retrying: 2, failed: 0 });
    expect(await send(later(mailRetryDelayMs(1)))).toEqual({ sent: 2, retrying: 0, failed: 0 });
  });

  it("lets two senders at once send each mail once", async () => {
    for (const n of [1, 2, 3, 4, 5]) await raiseDispute(n);
    const results = await Promise.all([send(NOW, { transport: smtpTransport(mailbox.url) }), send(NOW, { transport: smtpTransport(mailbox.url) }), send(NOW)]);
    expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(10);
    expect(await mails()).toHaveLength(10);
    expect(await db().alertEmailAttempt.count()).toBe(10);
  });

  it("after a sender dies mid-send, leaves its lease alone until it expires, then sends; a sent mail is never sent again", async () => {
    await raiseDispute();
    // A sender that took the rows and died: its lease holds them.
    const hung = { sendMail: () => new Promise<never>(() => {}), close() {} };
    void sendDueAlertMail({ now: NOW, config, transport: hung as never });
    await new Promise((r) => setTimeout(r, 500));
    expect(await send(later(60_000))).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await send(later(5 * 60_000))).toEqual({ sent: 2, retrying: 0, failed: 0 });
    // A restarted process finds nothing to send.
    expect(await send(later(10 * 60_000), { transport: smtpTransport(mailbox.url) })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await mails()).toHaveLength(2);
  });

  it("keeps one copy when a mail the server accepted is sent again after a crash, by its Message-ID", async () => {
    await raiseDispute();
    const real = smtpTransport(mailbox.url);
    // The server accepts, then the process "dies" before recording it: the row stays due.
    const crashing = { sendMail: async (m: object) => { await real.sendMail(m); throw new Error("process killed"); }, close() {} };
    expect(await sendDueAlertMail({ now: NOW, config, transport: crashing as never })).toEqual({ sent: 0, retrying: 2, failed: 0 });
    expect(await send(later(mailRetryDelayMs(1)))).toEqual({ sent: 2, retrying: 0, failed: 0 });
    expect(await mails()).toHaveLength(2);
    real.close();
  });
});
