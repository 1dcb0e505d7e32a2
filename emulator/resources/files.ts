import busboy from "busboy";
import { z } from "zod";
import { invalidRequest, resourceMissing } from "../core/errors";
import { newId } from "../core/ids";
import { listOf } from "../core/list";
import { parse, str } from "../core/params";
import { RawReply, type ApiRequest, type Router } from "../core/router";
import type { StripeObject } from "../core/store";
import type { World } from "../core/world";
import { parseForm } from "../wire/form";
import { DAY } from "./balance";

const PURPOSES = [
  "account_requirement", "additional_verification", "business_icon", "business_logo", "customer_signature",
  "dispute_evidence", "identity_document", "issuing_regulatory_reporting", "pci_document", "tax_document_user_upload",
  "terminal_reader_splashscreen",
] as const;

/** FACTS §7: dispute evidence is PDF, JPEG or PNG, at most 5 MB, and the type must match the bytes. */
export const DISPUTE_EVIDENCE_MAX_BYTES = 5 * 1024 * 1024;
const GENERAL_MAX_BYTES = 16 * 1024 * 1024;

type Upload = { fields: Record<string, string>; file: { name: string; mime: string; data: Buffer } | null; truncated: boolean };

function readMultipart(r: ApiRequest): Promise<Upload> {
  return new Promise((resolve, reject) => {
    const upload: Upload = { fields: {}, file: null, truncated: false };
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: r.raw.headers, limits: { fileSize: GENERAL_MAX_BYTES + 1, files: 1 } });
    } catch {
      reject(invalidRequest("File uploads must be sent as multipart/form-data.", { param: "file" }));
      return;
    }
    bb.on("field", (name, value) => {
      upload.fields[name] = value;
    });
    bb.on("file", (_name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("limit", () => {
        upload.truncated = true;
      });
      stream.on("end", () => {
        upload.file = { name: info.filename ?? "upload", mime: info.mimeType, data: Buffer.concat(chunks) };
      });
    });
    bb.on("close", () => resolve(upload));
    bb.on("error", (err) => reject(invalidRequest(`Could not read the upload: ${String(err)}`, { param: "file" })));
    bb.end(r.rawBody);
  });
}

function sniff(data: Buffer): "pdf" | "jpg" | "png" | null {
  if (data.subarray(0, 5).toString("latin1") === "%PDF-") return "pdf";
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return "jpg";
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "png";
  return null;
}

const MIME_OF = { pdf: "application/pdf", jpg: "image/jpeg", png: "image/png" } as const;

function typeFromName(name: string): string {
  const ext = name.toLowerCase().split(".").pop() ?? "";
  return ext === "jpeg" ? "jpg" : ext || "unknown";
}

async function upload(r: ApiRequest): Promise<StripeObject> {
  const { fields, file, truncated } = await readMultipart(r);
  const form = parseForm(new URLSearchParams(fields).toString());
  const p = parse(z.object({ purpose: z.enum(PURPOSES), file_link_data: z.object({ create: str.optional() }).optional() }), form);
  if (!file) throw invalidRequest("Missing required param: file.", { param: "file", code: "parameter_missing" });
  const evidence = p.purpose === "dispute_evidence";
  const max = evidence ? DISPUTE_EVIDENCE_MAX_BYTES : GENERAL_MAX_BYTES;
  if (truncated || file.data.length > max) {
    throw invalidRequest(`File size (${file.data.length} bytes) exceeds the maximum of ${max} bytes for purpose ${p.purpose}.`, { param: "file", code: "file_too_large" });
  }
  if (file.data.length === 0) throw invalidRequest("The uploaded file is empty.", { param: "file" });
  const sniffed = sniff(file.data);
  if (evidence) {
    if (!sniffed) throw invalidRequest("Files for purpose dispute_evidence must be a PDF, JPEG or PNG.", { param: "file", code: "file_invalid_type" });
    const declared = file.mime.toLowerCase();
    if (declared !== "application/octet-stream" && declared !== MIME_OF[sniffed] && !(sniffed === "jpg" && declared === "image/jpg")) {
      throw invalidRequest(`The file's content (${sniffed}) does not match its declared type (${declared}).`, { param: "file", code: "file_invalid_type" });
    }
  }
  const world = r.world;
  const id = newId("file");
  const created = world.now();
  const file_: StripeObject = {
    id,
    object: "file",
    created,
    expires_at: created + 274 * DAY,
    filename: file.name,
    links: { object: "list", data: [], has_more: false, url: `/v1/file_links?file=${id}` },
    purpose: p.purpose,
    size: file.data.length,
    title: null,
    type: sniffed ?? typeFromName(file.name),
    url: `${world.baseUrl}/v1/files/${id}/contents`,
  };
  world.store.files.set(id, file.data);
  world.saveFile(id, file.data);
  world.store.insert(file_, { mime: sniffed ? MIME_OF[sniffed] : file.mime });
  return file_;
}

function findFile(world: World, id: string): StripeObject {
  const file = world.store.getOf("file", id);
  if (!file) throw resourceMissing("file", id);
  return file;
}

export function registerFiles(router: Router): void {
  router.post("/v1/files", upload, { rawBody: true });
  router.get("/v1/files", (r) => {
    const p = parse(z.object({ purpose: str.optional() }), r.input);
    const items = r.world.store.where("file", (f) => p.purpose === undefined || f.purpose === p.purpose);
    return listOf(r.world.store, items, r.input, "/v1/files");
  });
  router.get("/v1/files/:id", (r) => findFile(r.world, r.params.id ?? ""));
  router.get("/v1/files/:id/contents", (r) => {
    const file = findFile(r.world, r.params.id ?? "");
    const data = r.world.store.files.get(file.id);
    if (!data) throw resourceMissing("file contents", file.id);
    return new RawReply(String(r.world.store.hidden(file.id).mime ?? "application/octet-stream"), data);
  });
}
