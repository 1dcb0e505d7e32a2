import type { ChildProcess } from "node:child_process";
import { parseBatchLogLine } from "@/lib/webhooks/group-commit/batch-log";

/**
 * Group-commit batch sizes of one server, read from the lines its batcher writes to stderr when
 * started with LEDGERLINE_BENCH_BATCH_LOG=1 (lib/webhooks/group-commit/batch-log.ts). Deliveries
 * that cannot join a batch skip the batcher and are not counted.
 */
export interface BatchSizes {
  batches: number;
  /** Events committed by batch transactions. */
  committed: number;
  largest: number;
  /** Deliveries a batch sent on to the single path. */
  single: number;
  rolledBack: number;
}

export class BatchTally {
  private sizes = emptySizes();
  private partial = "";

  constructor(server: ChildProcess) {
    server.stderr?.on("data", (chunk: Buffer) => {
      const lines = (this.partial + chunk.toString()).split("\n");
      this.partial = lines.pop() ?? "";
      for (const line of lines) {
        const batch = parseBatchLogLine(line);
        if (!batch) continue;
        this.sizes.batches++;
        this.sizes.committed += batch.committed;
        this.sizes.largest = Math.max(this.sizes.largest, batch.committed);
        this.sizes.single += batch.single;
        this.sizes.rolledBack += batch.rolledBack ? 1 : 0;
      }
    });
  }

  /** The batches counted since the last call; the pipe is given a moment to deliver the last lines. */
  async take(): Promise<BatchSizes> {
    await new Promise((r) => setTimeout(r, 200));
    const taken = this.sizes;
    this.sizes = emptySizes();
    return taken;
  }
}

function emptySizes(): BatchSizes {
  return { batches: 0, committed: 0, largest: 0, single: 0, rolledBack: 0 };
}
