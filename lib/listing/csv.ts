// CSV for every list export: RFC 4180 quoting, formula characters defused, streamed a batch at a
// time so a million-row export never sits in memory.

/**
 * Where a spreadsheet finds a formula: = + - @ (or their fullwidth forms, which some convert) at the
 * start of the cell or of any line in it, behind spaces or quotes it skips; a leading tab or CR too.
 */
const FORMULA_START = /(^|[\r\n])([\s"']*)(?=[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])|^(?=[\t\r])/g;

/**
 * RFC 4180 quoting, with every place a spreadsheet would read as a formula defused by a leading
 * apostrophe, so a customer's name or a description cannot run in the merchant's spreadsheet.
 */
export function csvField(value: string | null | undefined): string {
  if (value === null || value === undefined) return "";
  const safe = value.replace(FORMULA_START, (_match, lineStart: string | undefined, padding: string | undefined) => `${lineStart ?? ""}'${padding ?? ""}`);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: ReadonlyArray<string | null | undefined>): string {
  return `${cells.map(csvField).join(",")}\r\n`;
}

/** The header, then each batch's lines, as text chunks. */
export async function* csvChunks<R>(header: readonly string[], batches: AsyncGenerator<R[]>, line: (row: R) => ReadonlyArray<string | null | undefined>): AsyncGenerator<string> {
  yield csvLine(header);
  for await (const batch of batches) yield batch.map((row) => csvLine(line(row))).join("");
}

/** A byte stream that reads the next batch only when the client has taken the last. */
export function csvStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
