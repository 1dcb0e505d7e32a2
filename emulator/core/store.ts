// Everything the emulator knows lives here: Stripe objects by id (with per-object internal
// notes Stripe never shows), scheduled work, idempotency records and settings. One process,
// one store; it is snapshotted to disk as a whole (see persistence.ts).
export type StripeObject = { id: string; object: string; [key: string]: unknown };
export type Hidden = Record<string, unknown>;

type Entry = { obj: StripeObject; seq: number; hidden: Hidden };

export type Task = { id: number; at: number; kind: string; ref: string; data?: Record<string, unknown> };

export type IdempotencyRecord = {
  key: string;
  method: string;
  path: string;
  params: string;
  createdMs: number;
  status?: number;
  body?: string;
  requestId?: string;
};

export type Settings = {
  payoutSchedule: "daily" | "manual";
  bankAccountId: string;
  bankAccountNumber: string;
};

export type Snapshot = {
  version: 1;
  seq: number;
  taskSeq: number;
  clockOffsetMs: number;
  objects: Array<[StripeObject, Hidden]>;
  tasks: Task[];
  idempotency: IdempotencyRecord[];
  settings: Settings;
};

export const defaultSettings = (): Settings => ({
  payoutSchedule: "daily",
  bankAccountId: "ba_1LedgerlineTestBank0001",
  bankAccountNumber: "000123456789",
});

export class Store {
  private objects = new Map<string, Entry>();
  private byType = new Map<string, string[]>();
  private seq = 0;
  private taskSeq = 0;
  tasks: Task[] = [];
  idempotency = new Map<string, IdempotencyRecord>();
  settings: Settings = defaultSettings();
  files = new Map<string, Buffer>();
  onChange: () => void = () => {};

  insert<T extends StripeObject>(obj: T, hidden: Hidden = {}): T {
    this.objects.set(obj.id, { obj, seq: ++this.seq, hidden });
    let ids = this.byType.get(obj.object);
    if (!ids) this.byType.set(obj.object, (ids = []));
    ids.push(obj.id);
    this.onChange();
    return obj;
  }

  get(id: string): StripeObject | undefined {
    return this.objects.get(id)?.obj;
  }

  getOf(type: string, id: string): StripeObject | undefined {
    const entry = this.objects.get(id);
    return entry && entry.obj.object === type ? entry.obj : undefined;
  }

  hidden(id: string): Hidden {
    const entry = this.objects.get(id);
    if (!entry) throw new Error(`no object ${id}`);
    return entry.hidden;
  }

  seqOf(id: string): number {
    return this.objects.get(id)?.seq ?? 0;
  }

  remove(id: string): void {
    const entry = this.objects.get(id);
    if (!entry) return;
    this.objects.delete(id);
    const ids = this.byType.get(entry.obj.object);
    if (ids) this.byType.set(entry.obj.object, ids.filter((x) => x !== id));
    this.onChange();
  }

  /** All objects of a type, oldest first. */
  all(type: string): StripeObject[] {
    const ids = this.byType.get(type) ?? [];
    const out: StripeObject[] = [];
    for (const id of ids) {
      const entry = this.objects.get(id);
      if (entry) out.push(entry.obj);
    }
    return out;
  }

  changed(): void {
    this.onChange();
  }

  schedule(at: number, kind: string, ref: string, data?: Record<string, unknown>): void {
    this.tasks.push({ id: ++this.taskSeq, at, kind, ref, ...(data ? { data } : {}) });
    this.onChange();
  }

  /** Removes and returns the earliest task due at or before `now`. */
  takeDue(now: number): Task | undefined {
    let best = -1;
    for (let i = 0; i < this.tasks.length; i++) {
      const t = this.tasks[i] as Task;
      if (t.at > now) continue;
      const current = best === -1 ? undefined : this.tasks[best];
      if (!current || t.at < current.at || (t.at === current.at && t.id < current.id)) best = i;
    }
    if (best === -1) return undefined;
    const [task] = this.tasks.splice(best, 1);
    this.onChange();
    return task;
  }

  clear(): void {
    this.objects.clear();
    this.byType.clear();
    this.tasks = [];
    this.idempotency.clear();
    this.files.clear();
    this.settings = defaultSettings();
    this.onChange();
  }

  snapshot(clockOffsetMs: number): Snapshot {
    const entries = [...this.objects.values()].sort((a, b) => a.seq - b.seq);
    return {
      version: 1,
      seq: this.seq,
      taskSeq: this.taskSeq,
      clockOffsetMs,
      objects: entries.map((e) => [e.obj, e.hidden]),
      tasks: this.tasks,
      idempotency: [...this.idempotency.values()].filter((r) => r.body !== undefined),
      settings: this.settings,
    };
  }

  restore(snapshot: Snapshot): void {
    this.objects.clear();
    this.byType.clear();
    for (const [obj, hidden] of snapshot.objects) this.insert(obj, hidden);
    this.seq = Math.max(this.seq, snapshot.seq);
    this.taskSeq = snapshot.taskSeq;
    this.tasks = snapshot.tasks;
    this.idempotency = new Map(snapshot.idempotency.map((r) => [r.key, r]));
    this.settings = { ...defaultSettings(), ...snapshot.settings };
  }
}
