import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/**
 * The embedded default's mail server: a real SMTP server (the smtp-server package) on loopback
 * that keeps every message it accepts as an .eml file, so a newcomer sees alert mail arrive with
 * no set-up (`npm start`, the e2e server and the tests start one when SMTP_URL is not set). A
 * message is stored under its Message-ID: a second delivery of the same mail (a sender that
 * crashed after the server accepted it) replaces the file instead of adding a copy.
 */

export interface LocalMailbox {
  /** smtp://127.0.0.1:<port> */
  url: string;
  dir: string;
  close(): Promise<void>;
}

export interface MailboxOptions {
  port?: number;
  dir: string;
  /** Answer a message with this SMTP error instead of storing it (tests and the storm: a refusing server). */
  refuse?: () => { code: number; message: string } | null;
  /** Told of every message accepted, by Message-ID: the file keeps one copy, the storm counts them all. */
  accepted?: (messageId: string) => void;
}

export async function startLocalMailbox(options: MailboxOptions): Promise<LocalMailbox> {
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    banner: "Ledgerline local mailbox",
    logger: false,
    size: 5 * 1024 * 1024,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const refusal = options.refuse?.();
        if (refusal) {
          const error = new Error(refusal.message) as Error & { responseCode: number };
          error.responseCode = refusal.code;
          callback(error);
          return;
        }
        try {
          const messageId = storeMessage(options.dir, Buffer.concat(chunks));
          options.accepted?.(messageId);
          callback();
        } catch (error) {
          callback(error as Error);
        }
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, dir: options.dir, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function storeMessage(dir: string, raw: Buffer): string {
  const head = raw.subarray(0, 64 * 1024).toString("utf8").split(/\r?\n\r?\n/, 1)[0] ?? "";
  const messageId = /^message-id:\s*(.+)$/im.exec(head)?.[1]?.trim() ?? createHash("sha256").update(raw).digest("hex");
  const name = `${createHash("sha256").update(messageId).digest("hex").slice(0, 32)}.eml`;
  // Someone may have emptied the mailbox by deleting its folder.
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Written aside and renamed, so a reader never sees half a message.
  const temporary = path.join(dir, `.${name}.tmp`);
  writeFileSync(temporary, raw, { mode: 0o600 });
  renameSync(temporary, path.join(dir, name));
  return messageId;
}

export interface StoredMail {
  file: string;
  messageId: string | null;
  to: string;
  from: string;
  subject: string;
  date: Date | null;
  text: string;
  html: string | null;
  headers: Record<string, string>;
}

/** Every message in the mailbox, newest first. */
export async function readLocalMailbox(dir: string): Promise<StoredMail[]> {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".eml") && !f.startsWith("."));
  } catch {
    return [];
  }
  const mails = await Promise.all(
    files.map(async (file): Promise<StoredMail> => {
      const parsed = await simpleParser(readFileSync(path.join(dir, file)));
      const headers: Record<string, string> = {};
      for (const line of parsed.headerLines) headers[line.key] = line.line.slice(line.line.indexOf(":") + 1).trim();
      const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(", ") : (parsed.to?.text ?? "");
      return {
        file, messageId: parsed.messageId ?? null, to, from: parsed.from?.text ?? "", subject: parsed.subject ?? "",
        date: parsed.date ?? null, text: parsed.text ?? "", html: typeof parsed.html === "string" ? parsed.html : null, headers,
      };
    }),
  );
  return mails.sort((a, b) => (b.date?.getTime() ?? 0) - (a.date?.getTime() ?? 0));
}
