import "server-only";
import type { RecordDependencies } from "./record";
import { projectQueuedEvents } from "./retry";
import { stripeRecordDependencies } from "./stripe-facts";

/**
 * The follow-up worker: projects, right after they are answered, the events a webhook entry point
 * queued because their projection needs Stripe (record.ts, stripeWork "later"). A delivery that
 * queues one kicks it; a timer also drains what a process that died left behind (rows are leased in
 * the database, so every instance may run it). FOLLOW_UP_INTERVAL_MS sets the timer (default 5 s);
 * kicks work whatever it is, since a queued event has no other way to its projection.
 */

interface WorkerState {
  running: boolean;
  again: boolean;
  timer?: NodeJS.Timeout;
}

const BATCH = 25;

const holder = globalThis as typeof globalThis & { __ledgerlineFollowUps?: WorkerState };
const state = (holder.__ledgerlineFollowUps ??= { running: false, again: false });

/** Drains the queue now (or once more after the run in progress); never throws. */
export function kickFollowUps(dependencies: RecordDependencies = stripeRecordDependencies()): void {
  if (state.running) {
    state.again = true;
    return;
  }
  state.running = true;
  void (async () => {
    try {
      do {
        state.again = false;
        // One batch after another while batches come back full or a kick arrived meanwhile.
        for (let summary = await projectQueuedEvents(dependencies, BATCH); summary.attempted === BATCH; summary = await projectQueuedEvents(dependencies, BATCH));
      } while (state.again);
    } catch (error) {
      console.error("[webhooks] follow-up worker:", error instanceof Error ? error.message.split("\n")[0] : error);
    } finally {
      state.running = false;
    }
  })();
}

export function startFollowUpWorker(): void {
  if (state.timer) return;
  const configured = Number(process.env.FOLLOW_UP_INTERVAL_MS ?? 5_000);
  const interval = Number.isFinite(configured) && configured > 0 ? configured : 5_000;
  kickFollowUps();
  state.timer = setInterval(() => kickFollowUps(), interval);
  state.timer.unref();
}
