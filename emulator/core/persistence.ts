import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { IdempotencyRecord, Meta, Store, StripeObject, Hidden } from "./store";

type JournalLine =
  | { o: [StripeObject, Hidden] }
  | { r: string }
  | { i: IdempotencyRecord }
  | { m: Meta };

// State on disk is a journal (state.jsonl): each save appends only the objects that changed,
// so saving costs what the last requests touched, not the size of the whole store. It is
// rewritten compactly at start-up and on reset. Uploaded files live beside it, one per id.
export class Persistence {
  private timer: NodeJS.Timeout | null = null;
  private readonly journalPath: string;
  private readonly filesDir: string;

  constructor(
    private readonly dir: string,
    private readonly store: Store,
    private readonly clockOffset: () => number,
    private readonly debounceMs = 50,
  ) {
    // The journal holds the account's customers and cards: its owner's only.
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
    this.journalPath = path.join(dir, "state.jsonl");
    this.filesDir = path.join(dir, "files");
    mkdirSync(this.filesDir, { recursive: true, mode: 0o700 });
  }

  /** Replays the journal into the store; returns the saved clock offset, or null on a fresh directory. */
  load(): number | null {
    let clockOffsetMs: number | null = null;
    if (existsSync(this.journalPath)) {
      const text = readFileSync(this.journalPath, "utf8");
      for (const raw of text.split("\n")) {
        if (!raw) continue;
        let line: JournalLine;
        try {
          line = JSON.parse(raw) as JournalLine;
        } catch {
          // A line cut short by a crash mid-append: everything before it is intact.
          break;
        }
        if ("o" in line) this.store.insert(line.o[0], line.o[1]);
        else if ("r" in line) this.store.remove(line.r);
        else if ("i" in line) this.store.idempotency.set(line.i.key, line.i);
        else if ("m" in line) {
          this.store.applyMeta(line.m);
          clockOffsetMs = line.m.clockOffsetMs;
        }
      }
      for (const name of readdirSync(this.filesDir)) {
        this.store.files.set(name, readFileSync(path.join(this.filesDir, name)));
      }
    }
    this.store.forgetChanges();
    this.compact();
    return clockOffsetMs;
  }

  saveFile(id: string, content: Buffer): void {
    writeFileSync(path.join(this.filesDir, id), content);
  }

  clearFiles(): void {
    rmSync(this.filesDir, { recursive: true, force: true });
    mkdirSync(this.filesDir, { recursive: true });
  }

  /** Rewrites the journal as the current state only (temp file + rename, so a crash keeps the old one). */
  compact(): void {
    const lines: string[] = [JSON.stringify({ m: this.store.meta(this.clockOffset()) })];
    for (const entry of this.store.entries()) lines.push(JSON.stringify({ o: entry }));
    const cutoff = Date.now() - 24 * 60 * 60 * 1000;
    for (const record of this.store.idempotency.values()) {
      if (record.body !== undefined && record.createdMs >= cutoff) lines.push(JSON.stringify({ i: record }));
    }
    const tmp = `${this.journalPath}.${process.pid}.tmp`;
    writeFileSync(tmp, lines.join("\n") + "\n");
    renameSync(tmp, this.journalPath);
  }

  scheduleSave(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.save();
    }, this.debounceMs);
    this.timer.unref();
  }

  save(): void {
    const changes = this.store.takeChanges();
    if (changes.cleared) {
      this.compact();
      return;
    }
    const lines: string[] = [];
    for (const id of changes.removed) lines.push(JSON.stringify({ r: id }));
    for (const entry of changes.upserts) lines.push(JSON.stringify({ o: entry }));
    for (const record of changes.idempotency) lines.push(JSON.stringify({ i: record }));
    if (changes.metaChanged) lines.push(JSON.stringify({ m: this.store.meta(this.clockOffset()) }));
    if (lines.length === 0) return;
    try {
      appendFileSync(this.journalPath, lines.join("\n") + "\n");
    } catch (err) {
      console.error("emulator: could not save state", err);
    }
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.save();
  }
}
