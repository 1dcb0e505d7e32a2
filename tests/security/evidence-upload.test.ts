import { describe, expect, it } from "vitest";
import { FILE_LIMIT_BYTES } from "@/lib/disputes/evidence-fields";
import { readEvidenceUpload } from "@/lib/disputes/evidence-upload";

/**
 * Evidence uploads are read as a stream with the 5 MB cap applied while reading, so an oversized
 * or endless body costs at most the cap in memory; and a post from another site is refused before
 * anything is read.
 */

const BOUNDARY = "----ledgerline-test";
const URL_ = "http://127.0.0.1:3000/disputes/dp_1/evidence-files";
const CHUNK = 64 * 1024;

/** A multipart body whose file part streams `fileBytes` bytes, counting what the reader pulled. */
function streamedForm(fileBytes: number) {
  const head = new TextEncoder().encode(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="field"\r\n\r\nreceipt\r\n` +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF`,
  );
  const tail = new TextEncoder().encode(`\r\n--${BOUNDARY}--\r\n`);
  const read = { bytes: 0 };
  let sent = 0;
  let headSent = false;
  let done = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!headSent) {
        headSent = true;
        read.bytes += head.byteLength;
        return controller.enqueue(head);
      }
      if (sent < fileBytes) {
        const n = Math.min(CHUNK, fileBytes - sent);
        sent += n;
        read.bytes += n;
        return controller.enqueue(new Uint8Array(n).fill(0x41));
      }
      if (!done) {
        done = true;
        controller.enqueue(tail);
        return controller.close();
      }
    },
  });
  return { body, read };
}

function post(body: BodyInit, headers: Record<string, string> = {}): Request {
  return new Request(URL_, { method: "POST", body, headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}`, ...headers }, duplex: "half" } as RequestInit);
}

describe("reading an evidence upload", () => {
  it("stops reading a body without a length once the file passes 5 MB", async () => {
    const { body, read } = streamedForm(200 * 1024 * 1024);
    expect(await readEvidenceUpload(post(body))).toEqual({ ok: false, status: 413, error: "Each file may be at most 5 MB." });
    expect(read.bytes).toBeLessThan(FILE_LIMIT_BYTES + 1024 * 1024);
  });

  it("refuses a declared length over the cap before reading any of the body", async () => {
    const { body, read } = streamedForm(50 * 1024 * 1024);
    expect(await readEvidenceUpload(post(body, { "content-length": String(50 * 1024 * 1024) }))).toMatchObject({ ok: false, status: 413 });
    // At most the part headers a stream queues by itself, none of the file.
    expect(read.bytes).toBeLessThan(1024);
  });

  it("reads a file within the cap, and the form's fields", async () => {
    const form = new FormData();
    form.set("actionId", "8f7c2f4e-5f3c-4c1a-9a53-3c8f1f1c2b11");
    form.set("field", "receipt");
    form.set("file", new File([new TextEncoder().encode("%PDF-1.4 receipt")], "receipt.pdf", { type: "application/pdf" }));
    const result = await readEvidenceUpload(new Request(URL_, { method: "POST", body: form }));
    if (!result.ok) throw new Error(result.error);
    expect(result.fields).toEqual({ actionId: "8f7c2f4e-5f3c-4c1a-9a53-3c8f1f1c2b11", field: "receipt" });
    expect(result.file).toBeInstanceOf(File);
    expect({ name: result.file!.name, type: result.file!.type, text: await result.file!.text() }).toEqual({ name: "receipt.pdf", type: "application/pdf", text: "%PDF-1.4 receipt" });
  });

  it("refuses what is not a form upload", async () => {
    expect(await readEvidenceUpload(new Request(URL_, { method: "POST", body: "{}", headers: { "content-type": "application/json" } }))).toEqual({ ok: false, status: 400, error: "Send the file as a form upload." });
    expect(await readEvidenceUpload(post("garbage without boundaries"))).toMatchObject({ ok: false, status: 400 });
  });
});

describe("the evidence upload route", () => {
  it("refuses a post from another site before asking who is signed in or reading the body", async () => {
    const { POST } = await import("@/app/(dashboard)/disputes/[id]/evidence-files/route");
    for (const origin of ["https://evil.example", "null", "http://127.0.0.1:3001"]) {
      const request = post(streamedForm(1024).body, { origin });
      const response = await POST(request, { params: Promise.resolve({ id: "dp_1" }) });
      expect({ origin, status: response.status, body: await response.json() }).toEqual({
        origin, status: 403, body: { ok: false, error: "This upload was sent from another site, so it was refused.", code: "cross_origin" },
      });
      expect(request.bodyUsed).toBe(false);
    }
  });
});
