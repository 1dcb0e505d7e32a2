import { createHash, randomBytes } from "node:crypto";

/**
 * Customer link tokens: 32 random bytes in the URL, only their sha256 in the database, so a copy of
 * the database cannot be turned into working links.
 */

export const LINK_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export function newLinkToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A token as we issue it: 43 base64url characters. Anything else is tampered with or truncated. */
export function looksLikeLinkToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
