import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Ten one-use recovery codes, 16 base32 characters (80 random bits) in groups of four. Only their
 * SHA-256 is stored: at 80 bits, guessing one from its hash is out of reach without a slow hash.
 */

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const SHAPE = /^[A-Z2-7]{16}$/;

function newRecoveryCode(): string {
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => ALPHABET[b & 31]).join("");
  return chars.match(/.{4}/g)!.join("-");
}

/** Dashes, spaces and case do not matter; anything else that is not a code's shape is null. */
export function normaliseRecoveryCode(input: string): string | null {
  const compact = input.replace(/[\s-]/g, "").toUpperCase();
  return SHAPE.test(compact) ? compact : null;
}

const hashOf = (normalised: string) => createHash("sha256").update(normalised).digest("hex");

/** Replaces any earlier codes; returns the new ones, to be shown once and never again. */
export async function issueRecoveryCodes(staffId: string, tx: Prisma.TransactionClient): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.staffRecoveryCode.deleteMany({ where: { staffId } });
  await tx.staffRecoveryCode.createMany({ data: codes.map((code) => ({ staffId, codeHash: hashOf(normaliseRecoveryCode(code)!) })) });
  return codes;
}

/** Spends one unused code; false for a used, unknown or altered one. One UPDATE, so it is spent once. */
export async function useRecoveryCode(staffId: string, input: string, now: Date): Promise<boolean> {
  const normalised = normaliseRecoveryCode(input);
  if (!normalised) return false;
  const spent = await db().staffRecoveryCode.updateMany({
    where: { staffId, codeHash: hashOf(normalised), usedAt: null },
    data: { usedAt: now },
  });
  return spent.count === 1;
}

export async function unusedRecoveryCodeCount(staffId: string): Promise<number> {
  return db().staffRecoveryCode.count({ where: { staffId, usedAt: null } });
}
