import type { EventSource, StripeEventEnvelope } from "../event";
import { recordStripeEvent, type RecordDependencies, type RecordOptions, type RecordOutcome } from "../record";
import { benchBatchLog } from "./batch-log";
import { Coalescer, type CoalescerOptions } from "./coalescer";
import { commitBatch, type BatchReport, type GroupedDelivery } from "./commit-batch";
import { canJoinBatch } from "./eligibility";

export type { BatchReport } from "./commit-batch";

/**
 * Group commit for webhook deliveries: concurrent deliveries in one process share a transaction
 * (commit-batch.ts), so a burst costs one commit and a few statements per batch instead of an
 * interactive transaction per event. A lone delivery waits at most the window.
 */
export class WebhookGroupCommit {
  private readonly coalescer: Coalescer<GroupedDelivery, RecordOutcome>;

  constructor(options: Partial<CoalescerOptions> & { onBatch?: (batch: BatchReport) => void } = {}) {
    this.coalescer = new Coalescer((deliveries) => commitBatch(deliveries, options.onBatch), {
      windowMs: options.windowMs ?? DEFAULT_WINDOW_MS,
      maxBatch: options.maxBatch ?? DEFAULT_MAX_BATCH,
      maxInFlight: options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT,
    });
  }

  /** Settles once the transaction holding the event has committed (or the single path is done). */
  record(event: StripeEventEnvelope, source: EventSource, dependencies: RecordDependencies, options: Pick<RecordOptions, "stripeWork"> = {}): Promise<RecordOutcome> {
    // Not made to wait for a batch it could not join.
    if (!canJoinBatch(event)) return recordStripeEvent(event, source, dependencies, options);
    return this.coalescer.submit({ event, source, dependencies, options });
  }
}

// Short enough that a lone delivery hardly notices; long enough to gather a burst's deliveries,
// which arrive within a millisecond or two of each other when the process is busy.
const DEFAULT_WINDOW_MS = 2;
const DEFAULT_MAX_BATCH = 64;
// While this many batches are at work, the next one keeps gathering: at 8 or 32 concurrent
// deliveries, batches handed over as soon as their window closed held 1.6–3.9 events each (the
// batch-size log in BENCHMARKS.md). Two keep the database's two sides (this process and the server)
// busy at once.
const DEFAULT_MAX_IN_FLIGHT = 2;

let processGroupCommit: WebhookGroupCommit | null = null;

/** The one batcher of this process, shared by every delivery it receives. */
export function webhookGroupCommit(): WebhookGroupCommit {
  processGroupCommit ??= new WebhookGroupCommit({ onBatch: benchBatchLog() });
  return processGroupCommit;
}
