import type { BatchReport } from "./commit-batch";

/**
 * Group-commit batch sizes for `npm run bench`: with LEDGERLINE_BENCH_BATCH_LOG=1 at start, the
 * process batcher writes one stderr line per batch, which scripts/bench-webhooks.ts reads from the
 * servers it started. Off otherwise: a line per batch is noise in a merchant's logs, and the
 * benchmark is the only reader.
 */

export const BENCH_BATCH_LOG_ENV = "LEDGERLINE_BENCH_BATCH_LOG";

const LINE_PREFIX = "ledgerline-bench-batch";

export interface LoggedBatch {
  committed: number;
  single: number;
  rolledBack: boolean;
}

export function benchBatchLog(
  env: Record<string, string | undefined> = process.env,
  write: (line: string) => void = (line) => process.stderr.write(line),
): ((batch: BatchReport) => void) | undefined {
  if (env[BENCH_BATCH_LOG_ENV] !== "1") return undefined;
  return (batch) => write(`${LINE_PREFIX} committed=${batch.committed.length} single=${batch.single} rolled_back=${batch.rolledBack === null ? 0 : 1}\n`);
}

/** The batch a line of the server's stderr reports, or null for any other line. */
export function parseBatchLogLine(line: string): LoggedBatch | null {
  const match = new RegExp(`^${LINE_PREFIX} committed=(\\d+) single=(\\d+) rolled_back=([01])$`).exec(line.trim());
  return match ? { committed: Number(match[1]), single: Number(match[2]), rolledBack: match[3] === "1" } : null;
}
