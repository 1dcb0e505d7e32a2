import pg from "pg";

/**
 * Several statements in one round trip on node-postgres, which otherwise waits for each answer
 * before it writes the next statement. Each statement is written as Parse (once per connection for
 * a named one) / Bind / Describe / Execute, and one Sync closes them all: PostgreSQL runs them in
 * order and answers them together. After an error it skips everything up to the Sync, so a failed
 * statement fails the whole pipeline, as it would have failed the transaction.
 */

export interface PipelinedStatement {
  text: string;
  values: readonly unknown[];
  /** A prepared statement's name (statement-names.ts); none for the unnamed statement. */
  name?: string;
}

/** What one statement answered: its rows, parsed as node-postgres parses them, and its row count. */
export interface PipelinedAnswer {
  rows: Record<string, unknown>[];
  rowCount: number;
}

/** The parts of node-postgres's connection the pipeline writes to (pg/lib/connection.js). */
interface WireConnection {
  parsedStatements: Record<string, string>;
  stream: { cork?: () => void; uncork?: () => void };
  parse(message: { text: string; name: string; types: number[] }): void;
  bind(message: { statement: string; values: readonly unknown[]; valueMapper: (value: unknown) => unknown }): void;
  describe(message: { type: "P"; name: string }): void;
  execute(message: { portal: string }): void;
  sync(): void;
}

interface WireField {
  name: string;
  dataTypeID: number;
  format?: string;
}

// pg exports its value mapping at run time, but its types leave it out.
const prepareValue = (pg as unknown as { utils: { prepareValue: (value: unknown) => unknown } }).utils.prepareValue;

/** One round trip: resolves with each statement's answer in order, or rejects with the first error. */
export class StatementPipeline implements pg.Submittable {
  readonly answers: Promise<PipelinedAnswer[]>;
  /**
   * Set when the pipeline failed after writing a Parse for a named statement: whether PostgreSQL
   * created it is then unknown, so node-postgres's record of the connection's statements cannot be
   * trusted and the connection must not be reused.
   */
  statementsUncertain = false;

  private readonly results: { rows: Record<string, unknown>[]; rowCount: number }[] = [];
  private fields: { name: string; parse: (value: string) => unknown }[] = [];
  private current = 0;
  private readonly parsedHere = new Map<string, string>();
  private connection: WireConnection | null = null;
  private settle!: { resolve: (answers: PipelinedAnswer[]) => void; reject: (error: unknown) => void };

  constructor(private readonly statements: readonly PipelinedStatement[]) {
    this.answers = new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    for (const _ of statements) this.results.push({ rows: [], rowCount: 0 });
  }

  submit(connection: pg.Connection): Error | null {
    const wire = connection as unknown as WireConnection;
    this.connection = wire;
    // Everything that can throw runs before the first message is written: a half-written pipeline
    // would leave the connection out of step with the server. node-postgres hands a returned error
    // to handleError and goes on with its queue.
    let messages: { statement: PipelinedStatement; parse: boolean; values: unknown[] }[];
    try {
      messages = this.statements.map((statement) => {
        const name = statement.name ?? "";
        const known = name ? (wire.parsedStatements[name] ?? this.parsedHere.get(name)) : undefined;
        if (known !== undefined && known !== statement.text) throw new Error(`Prepared statement ${name} was used for a different text`);
        if (known === undefined && name) this.parsedHere.set(name, statement.text);
        return { statement, parse: known === undefined, values: statement.values.map((value) => prepareValue(value)) };
      });
    } catch (error) {
      this.parsedHere.clear();
      return error instanceof Error ? error : new Error(String(error));
    }
    // One write for all the messages, as node-postgres does for one statement.
    wire.stream.cork?.();
    try {
      for (const { statement, parse, values } of messages) {
        const name = statement.name ?? "";
        if (parse) wire.parse({ text: statement.text, name, types: [] });
        wire.bind({ statement: name, values, valueMapper: (value) => value });
        wire.describe({ type: "P", name: "" });
        wire.execute({ portal: "" });
      }
      wire.sync();
    } finally {
      wire.stream.uncork?.();
    }
    return null;
  }

  handleRowDescription(message: { fields: WireField[] }): void {
    this.fields = message.fields.map((field) => ({
      name: field.name,
      parse: pg.types.getTypeParser(field.dataTypeID, field.format === "binary" ? "binary" : "text") as (value: string) => unknown,
    }));
  }

  handleDataRow(message: { fields: (string | null)[] }): void {
    const row: Record<string, unknown> = {};
    message.fields.forEach((value, i) => {
      const field = this.fields[i]!;
      row[field.name] = value === null ? null : field.parse(value);
    });
    this.results[this.current]?.rows.push(row);
  }

  handleCommandComplete(message: { text: string }): void {
    const result = this.results[this.current];
    if (result) result.rowCount = rowCountOf(message.text);
    this.next();
  }

  handleEmptyQuery(): void {
    this.next();
  }

  handleError(error: unknown): void {
    this.statementsUncertain = this.parsedHere.size > 0;
    this.settle.reject(error);
  }

  handleReadyForQuery(): void {
    if (this.connection) for (const [name, text] of this.parsedHere) this.connection.parsedStatements[name] = text;
    this.settle.resolve(this.results);
  }

  handlePortalSuspended(): void {
    this.settle.reject(new Error("A pipelined statement was suspended, which this pipeline never asks for"));
  }

  handleCopyInResponse(): void {
    this.settle.reject(new Error("COPY cannot be pipelined"));
  }

  handleCopyData(): void {}

  private next(): void {
    this.current += 1;
    this.fields = [];
  }
}

/** The count of a command tag ("INSERT 0 3", "UPDATE 2", "SELECT 1"), as node-postgres reads it. */
function rowCountOf(tag: string): number {
  const match = /^[A-Za-z]+(?: (\d+))?(?: (\d+))?/.exec(tag);
  return Number.parseInt(match?.[2] ?? match?.[1] ?? "0", 10);
}

/** Sends the statements in one round trip on a connection nothing else is using. */
export function sendPipeline(client: pg.ClientBase, statements: readonly PipelinedStatement[]): StatementPipeline {
  const pipeline = new StatementPipeline(statements);
  client.query(pipeline);
  return pipeline;
}
