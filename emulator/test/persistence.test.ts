import { appendFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SECRET_KEY, startTestEmulator } from "./helpers";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe("persistence", () => {
  it("ignores a last journal line cut short by a crash", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "emulator-state-"));
    dirs.push(dataDir);
    const first = await startTestEmulator({ dataDir });
    const customer = await first.stripe.customers.create({ name: "before the crash" });
    await first.close();
    await appendFile(path.join(dataDir, "state.jsonl"), '{"o":[{"id":"cus_half');
    const second = await startTestEmulator({ dataDir });
    try {
      expect(((await second.stripe.customers.retrieve(customer.id)) as { name: string }).name).toBe("before the crash");
    } finally {
      await second.close();
    }
  });

  it("keeps customers, charges, events, endpoints, files, scheduled work and the clock across a restart", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "emulator-state-"));
    dirs.push(dataDir);
    const first = await startTestEmulator({ dataDir });
    const customer = await first.stripe.customers.create({ email: "kept@example.com" });
    const pi = await first.stripe.paymentIntents.create({ amount: 1234, currency: "usd", customer: customer.id, payment_method: "pm_card_pendingRefund", confirm: true });
    const refund = await first.stripe.refunds.create({ payment_intent: pi.id, amount: 234 });
    const endpoint = await first.stripe.webhookEndpoints.create({ url: "http://127.0.0.1:9/none", enabled_events: ["*"] });
    await first.stripe.webhookEndpoints.update(endpoint.id, { disabled: true });
    const file = await first.stripe.files.create({ purpose: "dispute_evidence", file: { data: Buffer.from("%PDF-1.4\n%%EOF\n"), name: "a.pdf", type: "application/pdf" } });
    await first.advance(600);
    const clockBefore = (await first.control("GET", "/_emulator/clock")).body.now as number;
    await first.close();

    const journal = (await readFile(path.join(dataDir, "state.jsonl"), "utf8")).trim().split("\n");
    expect(journal.filter((line) => line.startsWith('{"o":')).length).toBeGreaterThan(5);

    const second = await startTestEmulator({ dataDir });
    try {
      expect((await second.stripe.customers.retrieve(customer.id)) as { email: string }).toMatchObject({ email: "kept@example.com" });
      expect((await second.stripe.charges.retrieve(String(pi.latest_charge))).amount_refunded).toBe(234);
      expect((await second.stripe.webhookEndpoints.retrieve(endpoint.id)).status).toBe("disabled");
      const events = await second.stripe.events.list({ type: "charge.succeeded" });
      expect(events.data.map((e) => (e.data.object as { id: string }).id)).toContain(pi.latest_charge);
      const contents = await fetch(`${second.url}/v1/files/${file.id}/contents`, { headers: { Authorization: `Bearer ${SECRET_KEY}` } });
      expect(await contents.text()).toBe("%PDF-1.4\n%%EOF\n");
      const clockAfter = (await second.control("GET", "/_emulator/clock")).body.now as number;
      expect(clockAfter).toBeGreaterThanOrEqual(clockBefore);
      expect(clockAfter - clockBefore).toBeLessThan(30);
      // The pending refund's scheduled settlement survived the restart.
      await second.advance(3_600);
      expect((await second.stripe.refunds.retrieve(refund.id)).status).toBe("succeeded");
      // Idempotency keys survive too.
      const again = await second.stripe.customers.create({ email: "x@example.com" }, { idempotencyKey: "persist-key" });
      await second.close();
      const third = await startTestEmulator({ dataDir });
      const replay = await third.stripe.customers.create({ email: "x@example.com" }, { idempotencyKey: "persist-key" });
      expect(replay.id).toBe(again.id);
      await third.close();
    } finally {
      await second.close();
    }
  });
});
