import type { PipelinedAnswer, PipelinedStatement } from "./pg-pipeline";

/** What reads a statement's rows once they arrive; it throws to fail the transaction. */
export type AnswerCheck = (rows: Record<string, unknown>[]) => void;

/**
 * Statements waiting for the next exchange with the database, each with what reads its answer
 * (sql-transaction.ts's sendLater). The exchange sends a list of statements in one round trip on
 * node-postgres (pg-pipeline.ts), or in one turn of the connection on PGlite.
 */
export class StatementQueue {
  private queued: { statement: PipelinedStatement; check?: AnswerCheck }[] = [];

  constructor(private readonly exchange: (statements: PipelinedStatement[]) => Promise<PipelinedAnswer[]>) {}

  add(statement: PipelinedStatement, check?: AnswerCheck): void {
    this.queued.push({ statement, check });
  }

  /** Sends what is queued and then `statement`, in one exchange, and answers for `statement`. */
  async send(statement: PipelinedStatement): Promise<PipelinedAnswer> {
    const queued = this.take();
    const answers = await this.exchange([...queued.map((q) => q.statement), statement]);
    check(queued, answers);
    return answers[queued.length]!;
  }

  /**
   * Sends what is queued and then `statement` (COMMIT), in one exchange when no queued answer needs
   * reading first; otherwise the queue goes first and its answers are checked before `statement`.
   */
  async finish(statement: PipelinedStatement): Promise<void> {
    if (this.queued.some((q) => q.check)) await this.flush();
    await this.send(statement);
  }

  /** Sends what is queued, if anything, and checks the answers. */
  async flush(): Promise<void> {
    const queued = this.take();
    if (queued.length > 0) check(queued, await this.exchange(queued.map((q) => q.statement)));
  }

  private take() {
    const queued = this.queued;
    this.queued = [];
    return queued;
  }
}

function check(queued: { check?: AnswerCheck }[], answers: readonly PipelinedAnswer[]): void {
  queued.forEach((q, i) => q.check?.(answers[i]!.rows));
}

