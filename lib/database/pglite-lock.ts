import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// PGlite is one Postgres backend inside one process: two processes opening the same data
// directory corrupt it. The owner writes its pid into a lock file in the directory; others refuse
// while that pid is alive and take over a lock whose process has died.

export const LOCK_FILE_NAME = "ledgerline.lock";

interface LockContent {
  pid: number;
  hostname: string;
  startedAt: string;
  command: string;
}

export class DatabaseLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockContent,
  ) {
    super(
      `The embedded database at ${dataDir} is in use by process ${owner.pid} (${owner.command}, since ` +
        `${owner.startedAt}). PGlite allows one process per data directory: if that is the app ` +
        `(npm start / npm run dev), stop it first or run this through the running app; or point ` +
        `DATABASE_URL at a PostgreSQL server. If no such process exists, delete ` +
        `${path.join(dataDir, LOCK_FILE_NAME)}.`,
    );
    this.name = "DatabaseLockedError";
  }
}

// Locks this process holds, so a lock file carrying our own pid can be told apart from a stale
// one left by an earlier process that had the same pid (common in containers).
const held: Set<string> = ((globalThis as { __ledgerlinePgliteLocks?: Set<string> }).__ledgerlinePgliteLocks ??=
  new Set<string>());

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLock(file: string): LockContent | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<LockContent>;
    return typeof parsed.pid === "number" ? (parsed as LockContent) : null;
  } catch {
    return null;
  }
}

let exitHookInstalled = false;
function releaseAllOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const dir of held) removeOwnLock(dir);
  });
}

function removeOwnLock(dataDir: string): void {
  const file = path.join(dataDir, LOCK_FILE_NAME);
  if (readLock(file)?.pid === process.pid) fs.rmSync(file, { force: true });
  held.delete(dataDir);
}

/** Takes the data directory for this process, or throws DatabaseLockedError. Synchronous on purpose. */
export function acquirePgliteLock(dataDir: string): void {
  if (held.has(dataDir)) {
    throw new DatabaseLockedError(dataDir, {
      pid: process.pid,
      hostname: os.hostname(),
      startedAt: "earlier in this process",
      command: "this process already has it open",
    });
  }
  makeOwnerOnly(dataDir);
  const file = path.join(dataDir, LOCK_FILE_NAME);
  const content: LockContent = {
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: new Date().toISOString(),
    command: process.argv.slice(1).map((arg) => path.basename(arg)).join(" ").slice(0, 200),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(content), { flag: "wx" });
      held.add(dataDir);
      releaseAllOnExit();
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = readLock(file);
    // An unreadable lock is most likely being written right now by another process: retry.
    const stale = owner !== null && (owner.pid === process.pid || !isAlive(owner.pid));
    if (owner && !stale) throw new DatabaseLockedError(dataDir, owner);
    if (stale) fs.rmSync(file, { force: true });
    else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
  const owner = readLock(file);
  throw new DatabaseLockedError(dataDir, owner ?? { pid: 0, hostname: "?", startedAt: "?", command: "unknown" });
}

export function releasePgliteLock(dataDir: string): void {
  if (held.has(dataDir)) removeOwnLock(dataDir);
}

/**
 * The data directory holds password hashes, the webhook signing secret and customers' data: only
 * its owner may enter it. Created 0700 (with any parent created along the way), and an existing
 * one from an earlier, looser version is closed too; PGlite's files inside need no change once
 * nobody else can reach them.
 */
export function makeOwnerOnly(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
}
