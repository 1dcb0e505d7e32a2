// The embedded data (password hashes, the webhook signing secret, customers) is readable by the
// user that runs Ledgerline only: every directory under .data is created 0700, and one an earlier
// version left open is closed on the next start.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator/server";
import { acquirePgliteLock, releasePgliteLock } from "@/lib/database/pglite-lock";
import { loadConfig } from "@/lib/env";

const root = mkdtempSync(path.join(os.tmpdir(), "ledgerline-perms-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const modeOf = (dir: string) => statSync(dir).mode & 0o777;

describe("the embedded data directory", () => {
  it("is created owner-only, with any parent created along the way", () => {
    const dataDir = path.join(root, "fresh", ".data", "pglite");
    acquirePgliteLock(dataDir);
    releasePgliteLock(dataDir);
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(path.dirname(dataDir))).toBe(0o700);
  });

  it("is closed to others when an earlier version left it open", () => {
    const dataDir = path.join(root, "old", "pglite");
    mkdirSync(dataDir, { recursive: true });
    chmodSync(dataDir, 0o755);
    acquirePgliteLock(dataDir);
    releasePgliteLock(dataDir);
    expect(modeOf(dataDir)).toBe(0o700);
  });

  it("keeps the generated session secret in an owner-only directory, the file 0600", () => {
    const secretDir = path.join(root, "secret", ".data");
    loadConfig({}, { secretDir });
    expect(modeOf(secretDir)).toBe(0o700);
    expect(modeOf(path.join(secretDir, "nextauth-secret"))).toBe(0o600);
  });

  it("holds the emulator's journal owner-only", async () => {
    const dataDir = path.join(root, "emulator", ".data", "emulator");
    const emulator = await startEmulator({ port: 0, dataDir });
    try {
      expect(modeOf(dataDir)).toBe(0o700);
      expect(modeOf(path.join(dataDir, "files"))).toBe(0o700);
    } finally {
      await emulator.close();
    }
  });
});
