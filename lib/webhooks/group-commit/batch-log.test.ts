// The benchmark's batch log must stay silent unless the benchmark switched it on at start, and the
// benchmark must read back exactly what the batcher wrote.
import { describe, expect, it } from "vitest";
import { BENCH_BATCH_LOG_ENV, benchBatchLog, parseBatchLogLine } from "./batch-log";

describe("the group-commit batch log for the benchmark", () => {
  it("is off unless the switch is exactly 1", () => {
    for (const value of [undefined, "", "0", "true", "yes"]) {
      const env = value === undefined ? {} : { [BENCH_BATCH_LOG_ENV]: value };
      expect(benchBatchLog(env, () => {}), String(value)).toBeUndefined();
    }
  });

  it("writes one line per batch that the benchmark parses back", () => {
    const lines: string[] = [];
    const log = benchBatchLog({ [BENCH_BATCH_LOG_ENV]: "1" }, (line) => lines.push(line))!;
    log({ committed: ["evt_1", "evt_2", "evt_3"], single: 1, rolledBack: null });
    log({ committed: [], single: 4, rolledBack: new Error("deadlock detected") });
    expect(lines).toHaveLength(2);
    expect(lines.map(parseBatchLogLine)).toEqual([
      { committed: 3, single: 1, rolledBack: false },
      { committed: 0, single: 4, rolledBack: true },
    ]);
  });

  it("ignores the server's other output", () => {
    for (const line of ["", "[ingest] listening on 127.0.0.1:3001", "ledgerline-bench-batch committed=x single=0 rolled_back=0"]) {
      expect(parseBatchLogLine(line), line).toBeNull();
    }
  });
});
