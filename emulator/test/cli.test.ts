import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import Stripe from "stripe";

const repoRoot = path.resolve(__dirname, "..", "..");
let dataDir = "";
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("npm run emulator", () => {
  it("listens on loopback, serves the API, and saves its state on SIGTERM", async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "emulator-cli-"));
    const child = spawn(process.execPath, [path.join(repoRoot, "node_modules/tsx/dist/cli.mjs"), "emulator/main.ts", "--port", "0", "--data-dir", dataDir], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start line: ${output}`)), 20_000);
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)[\s\S]*publishable key: pk_test_\w+\n/.exec(output);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.on("exit", (code) => reject(new Error(`exited ${code}: ${output}`)));
    });
    // The start-up output names the keys the account answers to; any other key is refused.
    const secret = /secret key: +(sk_test_\w+)/.exec(output)?.[1] ?? "";
    const client = (key: string) => new Stripe(key, { host: "127.0.0.1", port: Number(new URL(url).port), protocol: "http", maxNetworkRetries: 0 });
    const customer = await client(secret).customers.create({ name: "cli" });
    expect(customer.id).toMatch(/^cus_/);
    await expect(client("sk_test_emulator").customers.list()).rejects.toMatchObject({ statusCode: 401 });
    const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
    expect(existsSync(path.join(dataDir, "state.jsonl"))).toBe(true);
    // Kept beside the state, so the account answers to the same keys after a restart.
    expect(JSON.parse(readFileSync(path.join(dataDir, "keys.json"), "utf8"))).toMatchObject({ secret });
  });
});
