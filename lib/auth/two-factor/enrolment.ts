import "server-only";
import { randomUUID } from "node:crypto";
import QRCode from "qrcode";
import { z } from "zod";
import { db } from "@/lib/db";
import { appConfig } from "@/lib/env";
import type { Actor } from "../staff-admin";
import { issueRecoveryCodes } from "./recovery-codes";
import { openSecret, sealSecret } from "./secret-box";
import { newTotpSecret, totpFor, useTotpCode } from "./totp";

/**
 * Setting up an authenticator: a secret is drawn and kept (sealed) until a code from it is
 * confirmed; only then is it on, and ten recovery codes are shown once. The secret is shown only
 * while it is pending: once on, nothing sends it to a browser again.
 */

export interface PendingEnrolment {
  /** Base32, for typing into an app by hand. */
  secret: string;
  /** An SVG data URL of the otpauth:// URI, drawn on the server. */
  qrCode: string;
}

export type EnrolmentState = { enrolled: true; since: Date } | ({ enrolled: false } & PendingEnrolment);

export async function enrolmentState(actor: Actor): Promise<EnrolmentState> {
  const staff = await db().staffUser.findUniqueOrThrow({ where: { id: actor.id }, select: { email: true, totpSecret: true, totpEnabledAt: true } });
  if (staff.totpEnabledAt) return { enrolled: true, since: staff.totpEnabledAt };
  let secret = staff.totpSecret ? openSecret(staff.totpSecret) : null;
  if (!secret) {
    secret = newTotpSecret();
    // Only while still pending: a concurrent confirmation must not have its secret replaced.
    await db().staffUser.updateMany({ where: { id: actor.id, totpEnabledAt: null }, data: { totpSecret: sealSecret(secret), totpLastStep: null } });
  }
  const uri = totpFor(secret, staff.email, appConfig().merchantName).toString();
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return { enrolled: false, secret, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
}

const confirmSchema = z.object({ code: z.string().trim().regex(/^\d{6}$/, { error: "Enter the 6-digit code your app shows." }) });

export type EnrolmentResult =
  | { ok: true; message: string; recoveryCodes: string[] }
  | { ok: false; error: string; fieldErrors?: Record<string, string[] | undefined> };

export async function confirmEnrolment(actor: Actor, input: unknown, now = new Date()): Promise<EnrolmentResult> {
  const parsed = confirmSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "Check the highlighted fields.", fieldErrors: z.flattenError(parsed.error).fieldErrors };
  if (!(await useTotpCode(actor.id, parsed.data.code, now, { pending: true }))) {
    const staff = await db().staffUser.findUnique({ where: { id: actor.id }, select: { totpEnabledAt: true } });
    if (staff?.totpEnabledAt) return { ok: false, error: "Two-factor sign-in is already on for your account." };
    return { ok: false, error: "Check the highlighted fields.", fieldErrors: { code: ["That code does not match. Check the app's clock and enter the current code."] } };
  }
  const recoveryCodes = await db().$transaction(async (tx) => {
    await tx.staffUser.update({ where: { id: actor.id }, data: { totpEnabledAt: now } });
    await tx.staffAction.create({
      data: {
        actorId: actor.id, kind: "staff.two_factor.enable", objectType: "staff_user", objectId: actor.id, params: {},
        idempotencyKey: randomUUID(), status: "succeeded", outcome: { staffId: actor.id }, completedAt: now,
      },
    });
    return issueRecoveryCodes(actor.id, tx);
  });
  return { ok: true, message: "Two-factor sign-in is on. Keep the recovery codes somewhere safe: they are shown only now.", recoveryCodes };
}
