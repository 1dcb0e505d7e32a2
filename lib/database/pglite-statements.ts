import { parse, protocol, type PGlite } from "@electric-sql/pglite";

type BackendMessage = Awaited<ReturnType<PGlite["execProtocolStream"]>>[number];

/**
 * Named prepared statements on PGlite, which its `query` does not offer: each `query` sends the
 * text as the unnamed statement, so PostgreSQL parses, analyses and plans it again on every call.
 * On PGlite that is CPU of this process, and for the webhook projections (CTEs over several tables,
 * summaries recomputed from subqueries) planning was most of a statement's cost: in the group-commit
 * batch the Bind of the payment summary UPDATE took 3.8 ms of its 5.5 ms (BENCHMARKS.md, issue #15,
 * eighth step). A named statement is parsed once per text and PostgreSQL's plan cache keeps its plan
 * (a generic one once five custom plans showed it costs no more); DDL invalidates it as it would any
 * prepared statement.
 *
 * Statements belong to the session, not to a transaction: a rolled-back transaction keeps them,
 * and a statement whose Parse failed was never created, so it is not remembered either.
 */

/** What a statement answered: its rows, parsed as PGlite's `query` parses them, and the rows it changed. */
export interface StatementResult {
  rows: Record<string, unknown>[];
  affectedRows: number;
}

interface Prepared {
  name: string;
  parameterTypes: number[];
}

// Texts built from values rather than placeholders would each take a statement for good; past
// this many, further texts run unnamed, as PGlite's own `query` runs them.
const MOST_STATEMENTS = 500;

const NAME_PREFIX = "ledgerline_driver_";
const FEATURE_NOT_SUPPORTED = "0A000";

export class PgliteStatements {
  private readonly prepared = new Map<string, Prepared>();
  /** Names are never reused: a statement prepared anew leaves its predecessor in the session. */
  private named = 0;

  constructor(private readonly pglite: PGlite) {}

  /**
   * Runs one statement with its parameters, serialised and parsed as PGlite's `query` does. Call it
   * only where nothing else can use the connection at the same time: inside `pglite.transaction`.
   */
  async run(text: string, values: readonly unknown[]): Promise<StatementResult> {
    return (await this.runAll([{ text, values }]))[0]!;
  }

  /** Runs statements in order in one turn on the connection; the first failure stops the rest and throws. */
  runAll(statements: readonly { text: string; values: readonly unknown[] }[]): Promise<StatementResult[]> {
    return this.pglite.runExclusive(async () => {
      const results: StatementResult[] = [];
      for (const { text, values } of statements) results.push(await this.runOne(text, values));
      return results;
    });
  }

  private async runOne(text: string, values: readonly unknown[]): Promise<StatementResult> {
    const prepared = this.prepared.get(text) ?? (await this.prepare(text));
    const messages = [];
    try {
      messages.push(
        ...(await this.send(protocol.serialize.bind({ statement: prepared.name, values: this.serialise(values, prepared.parameterTypes) }))),
        ...(await this.send(protocol.serialize.describe({ type: "P" }))),
        ...(await this.send(protocol.serialize.execute({}))),
      );
    } catch (error) {
      // A table changed under the statement so that its rows would change shape ("cached plan must
      // not change result type"): PostgreSQL refuses it for good, so the next call prepares it anew.
      if ((error as { code?: unknown }).code === FEATURE_NOT_SUPPORTED) this.prepared.delete(text);
      throw error;
    } finally {
      messages.push(...(await this.send(protocol.serialize.sync())));
    }
    return resultOf(messages, this.pglite.parsers);
  }

  private async prepare(text: string): Promise<Prepared> {
    const name = this.prepared.size < MOST_STATEMENTS ? `${NAME_PREFIX}${++this.named}` : "";
    try {
      await this.send(protocol.serialize.parse({ name, text }));
      const parameterTypes = parse.parseDescribeStatementResults(await this.send(protocol.serialize.describe({ type: "S", name })));
      const prepared = { name, parameterTypes };
      if (name) this.prepared.set(text, prepared);
      return prepared;
    } catch (error) {
      // A failed Parse leaves the session skipping messages until a Sync.
      await this.send(protocol.serialize.sync()).catch(() => undefined);
      throw error;
    }
  }

  private serialise(values: readonly unknown[], types: readonly number[]): (string | null)[] {
    return values.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = this.pglite.serializers[types[i]!];
      return serializer ? serializer(value) : String(value);
    });
  }

  private send(message: Uint8Array) {
    // Written to the data directory with the transaction's commit, as PGlite's `query` does inside one.
    return this.pglite.execProtocolStream(message, { syncToFs: false });
  }
}

/**
 * PGlite's `parseResults` without its first step, a copy of the parser table (300-odd types, 0.2 ms
 * a call: a seventh of the ingest server's CPU at 32 concurrent deliveries). Values are parsed by
 * the same parsers, looked up in place.
 */
function resultOf(messages: readonly BackendMessage[], parsers: PGlite["parsers"]): StatementResult {
  let fields: { name: string; dataTypeID: number }[] = [];
  const rows: Record<string, unknown>[] = [];
  let affectedRows = 0;
  for (const message of messages) {
    if (message instanceof protocol.messages.RowDescriptionMessage) fields = message.fields;
    else if (message instanceof protocol.messages.DataRowMessage) {
      const row: Record<string, unknown> = {};
      message.fields.forEach((value, i) => {
        const { name, dataTypeID } = fields[i]!;
        const parser = parsers[dataTypeID];
        row[name] = value === null ? null : parser ? parser(value, dataTypeID) : value;
      });
      rows.push(row);
    } else if (message instanceof protocol.messages.CommandCompleteMessage) affectedRows += changedRows(message.text);
  }
  return { rows, affectedRows };
}

/** The count of a command tag ("INSERT 0 3", "UPDATE 2"), as PGlite reads it: none for a SELECT. */
function changedRows(tag: string): number {
  const [command, first, second] = tag.split(" ");
  if (command === "INSERT") return Number.parseInt(second ?? "0", 10);
  if (command === "UPDATE" || command === "DELETE" || command === "COPY" || command === "MERGE") return Number.parseInt(first ?? "0", 10);
  return 0;
}
