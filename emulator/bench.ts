import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Stripe from "stripe";
import { startEmulator } from "./server";

// `npm run bench:emulator [-- --calls 2000 --persist]`: latency of common SDK calls against
// a fresh emulator on this machine (client and server share the CPU). Prints a markdown table.
const { values } = parseArgs({ options: { calls: { type: "string" }, persist: { type: "boolean" } } });
const CALLS = Number(values.calls ?? 2000);
const WARMUP = 100;

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? NaN;
}

async function measure(label: string, fn: (i: number) => Promise<unknown>): Promise<string> {
  for (let i = 0; i < WARMUP; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const start = process.hrtime.bigint();
    await fn(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const fmt = (n: number) => n.toFixed(2);
  return `| ${label} | ${CALLS} | ${fmt(percentile(samples, 50))} | ${fmt(percentile(samples, 95))} | ${fmt(percentile(samples, 99))} |`;
}

async function main(): Promise<void> {
  const dataDir = values.persist ? await mkdtemp(path.join(tmpdir(), "emulator-bench-")) : null;
  const emulator = await startEmulator({ port: 0, dataDir });
  const stripe = new Stripe(emulator.keys.secret, { host: "127.0.0.1", port: emulator.port, protocol: "http", maxNetworkRetries: 0 });
  try {
    const customer = await stripe.customers.create({ email: "bench@example.com" });
    const pm = await stripe.paymentMethods.attach("pm_card_visa", { customer: customer.id });
    for (let i = 0; i < 50; i++) await stripe.customers.create({ email: `seed${i}@example.com` });
    let lastPaymentIntent = "";
    const rows = [
      await measure("customers.retrieve", () => stripe.customers.retrieve(customer.id)),
      await measure("customers.list (limit 10)", () => stripe.customers.list({ limit: 10 })),
      await measure("customers.create", (i) => stripe.customers.create({ email: `c${i}@example.com`, metadata: { n: String(i) } })),
      await measure("paymentIntents.create + confirm (off-session)", async () => {
        const pi = await stripe.paymentIntents.create({ amount: 1999, currency: "usd", customer: customer.id, payment_method: pm.id, confirm: true, off_session: true });
        lastPaymentIntent = pi.id;
      }),
      await measure("paymentIntents.retrieve (expand latest_charge)", () => stripe.paymentIntents.retrieve(lastPaymentIntent, { expand: ["latest_charge"] })),
      await measure("events.list (limit 10)", () => stripe.events.list({ limit: 10 })),
    ];
    console.log(`Emulator latency, ${CALLS} sequential calls each through stripe@23 (${dataDir ? "persisted to disk" : "in memory"}), Node ${process.version}:\n`);
    console.log("| call | n | median ms | p95 ms | p99 ms |");
    console.log("| --- | ---: | ---: | ---: | ---: |");
    for (const row of rows) console.log(row);
  } finally {
    await emulator.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
