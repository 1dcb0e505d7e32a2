/**
 * Gathers concurrent requests into batches: the first request of a batch opens a short window, and
 * the batch is handed over when the window closes or when it is full, whichever comes first. Each
 * request's promise settles with its own answer from that batch.
 */

export interface CoalescerOptions {
  /** How long the first request of a batch waits for company, in milliseconds. */
  windowMs: number;
  /** The most requests one batch holds; a full batch is handed over without waiting. */
  maxBatch: number;
}

interface Waiting<Item, Answer> {
  item: Item;
  resolve: (answer: Answer) => void;
  reject: (error: unknown) => void;
}

export class Coalescer<Item, Answer> {
  private waiting: Waiting<Item, Answer>[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  /**
   * `handle` answers every item of a batch, in the batch's order, each with its own promise: an item
   * whose answer is ready is not held back by a batch-mate still at work.
   */
  constructor(
    private readonly handle: (items: Item[]) => Promise<Promise<Answer>[]>,
    private readonly options: CoalescerOptions,
  ) {}

  submit(item: Item): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.waiting.length >= this.options.maxBatch) this.handOver();
      else this.timer ??= setTimeout(() => this.handOver(), this.options.windowMs);
    });
  }

  private handOver(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.waiting;
    this.waiting = [];
    if (batch.length === 0) return;
    this.handle(batch.map((w) => w.item)).then(
      (answers) => batch.forEach((w, i) => answers[i]!.then(w.resolve, w.reject)),
      (error: unknown) => batch.forEach((w) => w.reject(error)),
    );
  }
}
