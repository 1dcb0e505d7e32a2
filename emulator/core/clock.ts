// The emulator's notion of "now": real time plus an offset that tests and demos can advance.
// Scheduled work (refunds settling, payouts moving on, dispute deadlines) runs against it.
export class Clock {
  private offsetMs: number;
  private pinned: number | null = null;

  constructor(offsetMs = 0) {
    this.offsetMs = offsetMs;
  }

  static startingAt(unixSeconds: number): Clock {
    return new Clock(unixSeconds * 1000 - Date.now());
  }

  /** Unix seconds. While a scheduled task runs, "now" is the moment it was due. */
  now(): number {
    if (this.pinned !== null) return this.pinned;
    return Math.floor((Date.now() + this.offsetMs) / 1000);
  }

  /** Milliseconds, for what Stripe times finer than a second (idempotency keys' age). */
  nowMs(): number {
    if (this.pinned !== null) return this.pinned * 1000;
    return Date.now() + this.offsetMs;
  }

  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }

  get offset(): number {
    return this.offsetMs;
  }

  runAt<T>(unixSeconds: number, fn: () => T): T {
    const previous = this.pinned;
    this.pinned = unixSeconds;
    try {
      return fn();
    } finally {
      this.pinned = previous;
    }
  }
}
