import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync, existsSync, rmSync } from "node:fs";
import { writeFile, rename, mkdir } from "node:fs/promises";
import path from "node:path";
import type { Snapshot, Store } from "./store";

// A whole-store JSON snapshot, written atomically (temp file + rename) shortly after changes
// settle and once more on shutdown. Uploaded files live beside it, one file per id.
export class Persistence {
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private readonly snapshotPath: string;
  private readonly filesDir: string;

  constructor(
    private readonly dir: string,
    private readonly store: Store,
    private readonly clockOffset: () => number,
    private readonly debounceMs = 100,
  ) {
    mkdirSync(dir, { recursive: true });
    this.snapshotPath = path.join(dir, "state.json");
    this.filesDir = path.join(dir, "files");
    mkdirSync(this.filesDir, { recursive: true });
  }

  load(): Snapshot | null {
    if (!existsSync(this.snapshotPath)) return null;
    const snapshot = JSON.parse(readFileSync(this.snapshotPath, "utf8")) as Snapshot;
    for (const name of readdirSync(this.filesDir)) {
      this.store.files.set(name, readFileSync(path.join(this.filesDir, name)));
    }
    return snapshot;
  }

  saveFile(id: string, content: Buffer): void {
    writeFileSync(path.join(this.filesDir, id), content);
  }

  clearFiles(): void {
    rmSync(this.filesDir, { recursive: true, force: true });
    mkdirSync(this.filesDir, { recursive: true });
  }

  scheduleSave(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.save();
    }, this.debounceMs);
    this.timer.unref();
  }

  save(): Promise<void> {
    const body = JSON.stringify(this.store.snapshot(this.clockOffset()));
    const tmp = `${this.snapshotPath}.${process.pid}.tmp`;
    this.writing = this.writing
      .then(async () => {
        await mkdir(this.dir, { recursive: true });
        await writeFile(tmp, body);
        await rename(tmp, this.snapshotPath);
      })
      .catch((err: unknown) => {
        console.error("emulator: could not save state", err);
      });
    return this.writing;
  }

  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    await this.save();
  }

  saveSync(): void {
    const tmp = `${this.snapshotPath}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.store.snapshot(this.clockOffset())));
    renameSync(tmp, this.snapshotPath);
  }
}
