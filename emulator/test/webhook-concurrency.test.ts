import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "./helpers";

// A burst of events must not look like a dead endpoint: deliveries beyond the concurrency cap wait
// their turn, and the response timeout only starts once one is sent.
let emu: TestEmulator;
let receiver: http.Server;
let receiverUrl: string;
let inFlight = 0;
let mostInFlight = 0;
const accepted: string[] = [];

beforeAll(async () => {
  emu = await startTestEmulator({ webhookRetrySchedule: [] });
  receiver = http.createServer((req, res) => {
    inFlight += 1;
    mostInFlight = Math.max(mostInFlight, inFlight);
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () =>
      setTimeout(() => {
        inFlight -= 1;
        accepted.push(JSON.parse(Buffer.concat(chunks).toString("utf8")).id);
        res.writeHead(200).end();
      }, 60),
    );
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
});

afterAll(async () => {
  await emu.close();
  await new Promise((resolve) => receiver.close(resolve));
});

it("keeps at most max_concurrent deliveries in flight and times out only sent ones", async () => {
  const config = await emu.control("POST", "/_emulator/webhooks/config", { max_concurrent: 2, timeout_ms: 300 });
  expect(config.body).toMatchObject({ maxConcurrent: 2, timeoutMs: 300 });
  await emu.stripe.webhookEndpoints.create({ url: receiverUrl, enabled_events: ["customer.created"] });
  const customers = await Promise.all(Array.from({ length: 12 }, () => emu.stripe.customers.create()));

  // 12 deliveries of 60 ms through 2 slots take ~360 ms, longer than the 300 ms timeout: none may
  // time out, and no retry exists to hide one that did.
  const deadline = Date.now() + 5_000;
  while (accepted.length < customers.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  expect(accepted).toHaveLength(customers.length);
  expect(mostInFlight).toBe(2);
  const deliveries = await emu.control("GET", "/_emulator/deliveries");
  expect((deliveries.body as { data: Array<{ succeeded: boolean }> }).data.every((d) => d.succeeded)).toBe(true);
});

it("refuses a cap below one", async () => {
  const refused = await emu.control("POST", "/_emulator/webhooks/config", { max_concurrent: 0 });
  expect(refused.status).toBe(400);
});
