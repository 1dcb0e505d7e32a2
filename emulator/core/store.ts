// Everything the emulator knows lives here: Stripe objects by id (with per-object internal
// notes Stripe never shows), scheduled work, idempotency records and settings. One process,
// one store. It remembers what changed since the last save so persistence.ts can append
// only that to its journal.
export type StripeObject = { id: string; object: string; [key: string]: unknown };
export type Hidden = Record<string, unknown>;

/** `writtenMs`: the emulator's clock at the last change, for search's propagation lag. */
type Entry = { obj: StripeObject; seq: number; hidden: Hidden; writtenMs: number };

export type Task = { id: number; at: number; kind: string; ref: string; data?: Record<string, unknown> };

export type IdempotencyRecord = {
  key: string;
  method: string;
  path: string;
  params: string;
  /** On the emulator's clock, not the host's. */
  createdMs: number;
  status?: number;
  body?: string;
  requestId?: string;
};

export type Settings = {
  payoutSchedule: "daily" | "manual";
  bankAccountId: string;
  bankAccountNumber: string;
  /** Seconds after a write before search sees the object (list and retrieve see it at once). */
  searchLagSeconds: number;
  /** The account's default currency: what a payment in a currency it does not settle in is converted to. */
  defaultCurrency: string;
  /** Further currencies the account settles in (it has a bank account for each). */
  settlementCurrencies: string[];
  /** Seconds between an asynchronously captured charge and its balance transaction. */
  balanceTransactionDelaySeconds: number;
};

export type Meta = { seq: number; taskSeq: number; clockOffsetMs: number; tasks: Task[]; settings: Settings };

export type Changes = {
  cleared: boolean;
  upserts: Array<[StripeObject, Hidden]>;
  removed: string[];
  idempotency: IdempotencyRecord[];
  metaChanged: boolean;
};

/** Objects of one type matching a predicate, read lazily by lists. */
export type Selection = { type: string; matches: (obj: StripeObject) => boolean };

export const defaultSettings = (): Settings => ({
  payoutSchedule: "daily",
  bankAccountId: "ba_1LedgerlineTestBank0001",
  bankAccountNumber: "000123456789",
  // Stripe: "under normal operating conditions, data is searchable in under 1 minute"
  // (docs.stripe.com/search). The whole minute is the strictest normal case.
  searchLagSeconds: 60,
  defaultCurrency: "usd",
  settlementCurrencies: [],
  // Stripe says only that the balance transaction may be missing right after confirmation and
  // arrives with charge.updated; peers saw it "a few seconds later" (stripe/stripe-node#2266).
  balanceTransactionDelaySeconds: 2,
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
  /** The emulator's clock in ms; until the server sets it (while loading saved state) writes count as old. */
  clockMs: () => number = () => 0;

  private lastCreated = new Map<string, number>();
  private outOfOrder = new Set<string>();
  private dirty = new Set<string>();
  private removedIds = new Set<string>();
  private dirtyKeys = new Set<string>();
  private metaDirty = false;
  private cleared = false;

  insert<T extends StripeObject>(obj: T, hidden: Hidden = {}): T {
    const existing = this.objects.get(obj.id);
    if (existing) {
      existing.obj = obj;
      existing.hidden = hidden;
    } else {
      this.objects.set(obj.id, { obj, seq: ++this.seq, hidden, writtenMs: 0 });
      let ids = this.byType.get(obj.object);
      if (!ids) this.byType.set(obj.object, (ids = []));
      ids.push(obj.id);
      const created = Number(obj.created ?? 0);
      if (created < (this.lastCreated.get(obj.object) ?? -Infinity)) this.outOfOrder.add(obj.object);
      else this.lastCreated.set(obj.object, created);
    }
    this.touch(obj.id);
    return obj;
  }

  get(id: string): StripeObject | undefined {
    return this.objects.get(id)?.obj;
  }

  getOf(type: string, id: string): StripeObject | undefined {
    const entry = this.objects.get(id);
    return entry && entry.obj.object === type ? entry.obj : undefined;
  }

  /** Internal notes about an object. Read-only by convention: change them with setHidden. */
  hidden(id: string): Readonly<Hidden> {
    const entry = this.objects.get(id);
    if (!entry) throw new Error(`no object ${id}`);
    return entry.hidden;
  }

  setHidden(id: string, patch: Hidden): void {
    const entry = this.objects.get(id);
    if (!entry) throw new Error(`no object ${id}`);
    Object.assign(entry.hidden, patch);
    this.touch(id);
  }

  /** Marks an object as changed in place (callers mutate objects directly). */
  touch(id: string): void {
    const entry = this.objects.get(id);
    if (!entry) return;
    entry.writtenMs = this.clockMs();
    this.dirty.add(id);
    this.onChange();
  }

  /** When the object last changed, on the emulator's clock (ms). */
  writtenAt(id: string): number {
    return this.objects.get(id)?.writtenMs ?? 0;
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
    this.dirty.delete(id);
    this.removedIds.add(id);
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

  where(type: string, matches: (obj: StripeObject) => boolean): Selection {
    return { type, matches };
  }

  /** True while objects of this type were inserted in `created` order (so newest-first is reverse insertion). */
  isChronological(type: string): boolean {
    return !this.outOfOrder.has(type);
  }

  *newestFirst(type: string): Generator<StripeObject> {
    const ids = this.byType.get(type) ?? [];
    for (let i = ids.length - 1; i >= 0; i--) {
      const entry = this.objects.get(ids[i] as string);
      if (entry) yield entry.obj;
    }
  }

  /** Tasks or settings changed. */
  changed(): void {
    this.metaDirty = true;
    this.onChange();
  }

  idempotencyChanged(key: string): void {
    this.dirtyKeys.add(key);
    this.onChange();
  }

  schedule(at: number, kind: string, ref: string, data?: Record<string, unknown>): void {
    this.tasks.push({ id: ++this.taskSeq, at, kind, ref, ...(data ? { data } : {}) });
    this.changed();
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
    this.changed();
    return task;
  }

  clear(): void {
    this.objects.clear();
    this.byType.clear();
    this.lastCreated.clear();
    this.outOfOrder.clear();
    this.tasks = [];
    this.idempotency.clear();
    this.files.clear();
    this.settings = defaultSettings();
    this.dirty.clear();
    this.removedIds.clear();
    this.dirtyKeys.clear();
    this.cleared = true;
    this.changed();
  }

  meta(clockOffsetMs: number): Meta {
    return { seq: this.seq, taskSeq: this.taskSeq, clockOffsetMs, tasks: this.tasks, settings: this.settings };
  }

  entries(): Array<[StripeObject, Hidden]> {
    return [...this.objects.values()].sort((a, b) => a.seq - b.seq).map((e) => [e.obj, e.hidden]);
  }

  /** What changed since the last call (and forgets it). */
  takeChanges(): Changes {
    const changes: Changes = {
      cleared: this.cleared,
      upserts: [...this.dirty].flatMap((id) => {
        const entry = this.objects.get(id);
        return entry ? [[entry.obj, entry.hidden] as [StripeObject, Hidden]] : [];
      }),
      removed: [...this.removedIds],
      idempotency: [...this.dirtyKeys].flatMap((key) => {
        const record = this.idempotency.get(key);
        return record?.body !== undefined ? [record] : [];
      }),
      metaChanged: this.metaDirty,
    };
    this.dirty.clear();
    this.removedIds.clear();
    this.dirtyKeys.clear();
    this.metaDirty = false;
    this.cleared = false;
    return changes;
  }

  applyMeta(meta: Meta): void {
    this.seq = Math.max(this.seq, meta.seq);
    this.taskSeq = meta.taskSeq;
    this.tasks = meta.tasks;
    this.settings = { ...defaultSettings(), ...meta.settings };
  }

  forgetChanges(): void {
    this.takeChanges();
  }
}
