/**
 * Gathers concurrent requests into batches: the first request of a batch opens a short window, and
 * the batch is handed over when the window closes or when it is full, whichever comes first — but
 * only while fewer than `maxInFlight` batches are at work. Past that, requests keep gathering until
 * a batch finishes: the classic group commit, where the next batch fills while the last commits, so
 * a busy process makes fewer, larger transactions instead of many of one or two events each. With
 * nothing at work the window is one turn of the event loop: a lone request has no batch-mate worth
 * waiting for (the ones that arrive while it commits gather for the next batch), and those that
 * arrived in the same turn still share its batch. Each request's promise settles with its own
 * answer from that batch.
 */

export interface CoalescerOptions {
  /** How long the first request of a batch waits for company, in milliseconds. */
  windowMs: number;
  /** The most requests one batch holds; a full batch is handed over without waiting. */
  maxBatch: number;
  /** The most batches handed over and not finished yet; Infinity hands every batch over at once. */
  maxInFlight: number;
}

interface Waiting<Item, Answer> {
  item: Item;
  resolve: (answer: Answer) => void;
  reject: (error: unknown) => void;
}

export class Coalescer<Item, Answer> {
  private waiting: Waiting<Item, Answer>[] = [];
  private timer: { cancel(): void } | null = null;
  /** The window of the waiting requests has closed: they go as soon as a batch may. */
  private due = false;
  private inFlight = 0;

  /**
   * `handle` answers every item of a batch, in the batch's order, each with its own promise: an item
   * whose answer is ready is not held back by a batch-mate still at work. The batch counts as in
   * flight until `handle` itself settles (for the webhooks: its transaction has ended).
   */
  constructor(
    private readonly handle: (items: Item[]) => Promise<Promise<Answer>[]>,
    private readonly options: CoalescerOptions,
  ) {}

  submit(item: Item): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.waiting.length >= this.options.maxBatch) this.handOverWhenFree();
      else if (!this.due) this.timer ??= this.openWindow();
    });
  }

  private openWindow(): { cancel(): void } {
    if (this.inFlight === 0) {
      const turn = setImmediate(() => this.windowClosed());
      return { cancel: () => clearImmediate(turn) };
    }
    const window = setTimeout(() => this.windowClosed(), this.options.windowMs);
    return { cancel: () => clearTimeout(window) };
  }

  private windowClosed(): void {
    this.timer = null;
    this.due = true;
    this.handOverWhenFree();
  }

  private handOverWhenFree(): void {
    while (this.waiting.length > 0 && this.inFlight < this.options.maxInFlight && (this.due || this.waiting.length >= this.options.maxBatch)) {
      this.handOver(this.waiting.splice(0, this.options.maxBatch));
    }
    if (this.waiting.length === 0) {
      this.due = false;
      this.timer?.cancel();
      this.timer = null;
    }
  }

  private handOver(batch: Waiting<Item, Answer>[]): void {
    this.inFlight += 1;
    this.handle(batch.map((w) => w.item))
      .then(
        (answers) => batch.forEach((w, i) => answers[i]!.then(w.resolve, w.reject)),
        (error: unknown) => batch.forEach((w) => w.reject(error)),
      )
      .finally(() => {
        this.inFlight -= 1;
        this.handOverWhenFree();
      });
  }
}
