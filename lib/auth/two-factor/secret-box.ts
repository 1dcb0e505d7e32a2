import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { appConfig } from "@/lib/env";

/**
 * TOTP secrets are kept encrypted (AES-256-GCM) under a key derived from NEXTAUTH_SECRET, so a copy
 * of the database alone (a backup, a dump) does not hand over anyone's second factor. Changing
 * NEXTAUTH_SECRET makes the stored secrets unreadable: people then sign in with a recovery code and
 * enrol again (docs/SECURITY.md).
 */

const VERSION = "v1";

function key(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "ledgerline", "totp-secret-box v1", 32));
}

export function sealSecret(plain: string, secret = appConfig().auth.secret): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(secret), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), body.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

/** Null for anything this key did not seal (another key, a tampered value). */
export function openSecret(sealed: string, secret = appConfig().auth.secret): string | null {
  const [version, iv, body, tag] = sealed.split(".");
  if (version !== VERSION || !iv || !body || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(secret), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
