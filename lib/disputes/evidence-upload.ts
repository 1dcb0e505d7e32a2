import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import busboy from "busboy";
import { FILE_LIMIT_BYTES } from "./evidence-fields";

/**
 * Reads one evidence upload as a stream, so the 5 MB cap holds while reading: `request.formData()`
 * would first buffer whatever a client sends, however large. A declared length over the cap is
 * refused before any byte is read; a body without one is cut off as soon as its file passes it.
 */

/** Room for the form's boundaries, part headers and the two small fields around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

export type EvidenceUpload =
  | { ok: true; fields: { actionId: string | null; field: string | null }; file: File | null }
  | { ok: false; status: 400 | 413; error: string };

const TOO_LARGE = { ok: false, status: 413, error: "Each file may be at most 5 MB." } as const;
const NOT_A_FORM = { ok: false, status: 400, error: "Send the file as a form upload." } as const;

export async function readEvidenceUpload(request: Request): Promise<EvidenceUpload> {
  const declared = Number(request.headers.get("content-length"));
  if (declared > FILE_LIMIT_BYTES + FORM_OVERHEAD_BYTES) {
    await request.body?.cancel().catch(() => {});
    return TOO_LARGE;
  }
  const contentType = request.headers.get("content-type") ?? "";
  if (!request.body || !/^multipart\/form-data\s*;/i.test(contentType)) return NOT_A_FORM;
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      limits: { files: 1, fileSize: FILE_LIMIT_BYTES, fields: 4, fieldSize: 1024, parts: 8, headerPairs: 20 },
    });
  } catch {
    return NOT_A_FORM;
  }
  const source = Readable.fromWeb(request.body as unknown as NodeReadableStream<Uint8Array>);
  return new Promise<EvidenceUpload>((resolve) => {
    let settled = false;
    const finish = (result: EvidenceUpload) => {
      if (settled) return;
      settled = true;
      // Stop pulling the client's body: the rest is never read.
      source.unpipe(parser);
      source.destroy();
      resolve(result);
    };
    const fields: { actionId: string | null; field: string | null } = { actionId: null, field: null };
    let file: File | null = null;
    parser.on("field", (name, value) => {
      if (name === "actionId" || name === "field") fields[name] = value;
    });
    parser.on("file", (name, stream, info) => {
      if (name !== "file") return void stream.resume();
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("limit", () => finish(TOO_LARGE));
      stream.on("end", () => {
        if (!stream.truncated) file = new File([new Uint8Array(Buffer.concat(chunks))], info.filename ?? "", { type: info.mimeType });
      });
    });
    parser.on("error", () => finish(NOT_A_FORM));
    parser.on("close", () => finish({ ok: true, fields, file }));
    source.on("error", () => finish(NOT_A_FORM));
    source.pipe(parser);
  });
}
