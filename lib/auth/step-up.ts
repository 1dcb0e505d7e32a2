import { randomUUID } from "node:crypto";
import { z } from "zod";
import { DEFAULT_THRESHOLDS } from "@/lib/amounts/confirmation-thresholds";
import { db } from "@/lib/db";
import { readStaffAmount } from "@/lib/amounts/staff-amount";
import { formatMoney } from "@/lib/money";
import { verifyPassword } from "./password";
import { clearBackoff, countBackoffFailure, PAIR_POLICY, readBackoff } from "./sign-in-backoff";
import { verifyPasskeyAssertion } from "./passkeys/passkeys";
import { checkSecondFactor } from "./two-factor/second-factor";
import { TOTP_CODE } from "./two-factor/totp";

/**
 * High-risk actions (a refund above a per-currency amount, accepting a dispute, changing staff or
 * their roles, the webhook endpoint) need a recent proof of the person, not only a live session: a
 * sign-in, or their password or a second-factor code given again, within the last few minutes.
 * A proof belongs to the session it was given in.
 */

export const STEP_UP_SETTING = "step_up";
export const STEP_UP_CHANGE = "settings.step_up.change";
export const STEP_UP_REQUIRED = "step_up_required";
export const DEFAULT_WINDOW_MINUTES = 10;
const MAX_WINDOW_MINUTES = 12 * 60;
const KEEP_PROOFS_MS = 24 * 60 * 60_000;

export interface StepUpSession {
  id: string;
  sessionId: string;
  /** ms since epoch. */
  signedInAt: number;
}

const storedSchema = z.object({
  windowMinutes: z.number().int().min(1).max(MAX_WINDOW_MINUTES).optional(),
  refundAbove: z.record(z.string().regex(/^[a-z]{3}$/), z.string().regex(/^\d{1,15}$/)).optional(),
});
type Stored = z.infer<typeof storedSchema>;

async function stored(): Promise<Stored> {
  const row = await db().setting.findUnique({ where: { key: STEP_UP_SETTING } });
  const parsed = storedSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : {};
}

export interface StepUpPolicy {
  windowMinutes: number;
  /** Refunds above these minor-unit amounts need a recent proof; a currency not listed always does. */
  refundAbove: Record<string, bigint>;
}

export async function stepUpPolicy(): Promise<StepUpPolicy> {
  const value = await stored();
  const overrides = Object.fromEntries(Object.entries(value.refundAbove ?? {}).map(([c, v]) => [c, BigInt(v)]));
  return { windowMinutes: value.windowMinutes ?? DEFAULT_WINDOW_MINUTES, refundAbove: { ...DEFAULT_THRESHOLDS, ...overrides } };
}

export interface StepUpRefusal {
  ok: false;
  code: typeof STEP_UP_REQUIRED;
  error: string;
}

/** Null when this session proved its person recently enough; otherwise the refusal to hand back. */
export async function stepUpRefusal(session: StepUpSession, now = new Date()): Promise<StepUpRefusal | null> {
  const [{ windowMinutes }, proof] = await Promise.all([stepUpPolicy(), db().staffStepUp.findUnique({ where: { sessionId: session.sessionId } })]);
  const proofAt = proof && proof.staffId === session.id ? proof.at.getTime() : 0;
  if (now.getTime() - Math.max(session.signedInAt, proofAt) <= windowMinutes * 60_000) return null;
  return {
    ok: false,
    code: STEP_UP_REQUIRED,
    error: `This needs you to confirm it is you (you last did over ${windowMinutes} minute${windowMinutes === 1 ? "" : "s"} ago). Confirm with your password or a code, then try again. Nothing was changed.`,
  };
}

export async function refundStepUpRefusal(session: StepUpSession, amount: bigint, currency: string, now = new Date()): Promise<StepUpRefusal | null> {
  const limit = (await stepUpPolicy()).refundAbove[currency.toLowerCase()];
  if (limit !== undefined && amount <= limit) return null;
  return stepUpRefusal(session, now);
}

export type ConfirmIdentityResult = { ok: true; message: string } | { ok: false; error: string };

const confirmSchema = z.object({ secret: z.string().min(1, { error: "Enter your password or a code." }).max(1024) });
// A passkey's assertion (lib/auth/passkeys/), as the browser library returns it.
const passkeySchema = z.object({ passkey: z.record(z.string(), z.unknown()) });
const stepUpKey = (staffId: string) => `step-up:${staffId}`;

/**
 * Records a proof for this session: the person's password, or (if they have one) a code from their
 * second factor or a recovery code. Wrong answers are held back like sign-ins, so a stolen session
 * cannot guess the password at full speed.
 */
export async function confirmIdentity(session: StepUpSession, input: unknown, now = new Date(), address: string | null = null): Promise<ConfirmIdentityResult> {
  const withPasskey = passkeySchema.safeParse(input);
  const parsed = confirmSchema.safeParse(input);
  if (!parsed.success && !withPasskey.success) return { ok: false, error: "Enter your password or a code." };
  const staff = await db().staffUser.findUnique({ where: { id: session.id }, select: { passwordHash: true, totpEnabledAt: true, disabledAt: true } });
  if (!staff || staff.disabledAt) return { ok: false, error: "Your account is no longer active." };
  if (withPasskey.success) {
    const asserted = await verifyPasskeyAssertion(session.id, "step_up", withPasskey.data.passkey, now);
    if (!asserted.ok) return { ok: false, error: "That passkey was not accepted. Try it again, or use your password or a code." };
    return recordProof(session, now);
  }
  const answer = parsed.data!.secret;
  const looksLikeCode = TOTP_CODE.test(answer.trim()) || /^[A-Za-z2-7]{4}(-?[A-Za-z2-7]{4}){3}$/.test(answer.trim());
  if (staff.totpEnabledAt && looksLikeCode) {
    const checked = await checkSecondFactor(session.id, answer, now, address);
    if (!checked.ok) return { ok: false, error: checked.reason === "throttled" ? waitMessage(checked.retryAt, now) : "That code is wrong or was already used." };
  } else {
    const { retryAt } = await readBackoff(stepUpKey(session.id), now);
    if (retryAt) return { ok: false, error: waitMessage(retryAt, now) };
    if (!(await verifyPassword(answer, staff.passwordHash))) {
      await countBackoffFailure(stepUpKey(session.id), PAIR_POLICY, now);
      return { ok: false, error: "That is not your password." };
    }
    await clearBackoff(stepUpKey(session.id));
  }
  return recordProof(session, now);
}

async function recordProof(session: StepUpSession, now: Date): Promise<ConfirmIdentityResult> {
  await db().staffStepUp.upsert({
    where: { sessionId: session.sessionId },
    create: { sessionId: session.sessionId, staffId: session.id, at: now },
    update: { staffId: session.id, at: now },
  });
  await db().staffStepUp.deleteMany({ where: { at: { lt: new Date(now.getTime() - KEEP_PROOFS_MS) } } });
  return { ok: true, message: "Confirmed. You can go ahead." };
}

function waitMessage(retryAt: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 60_000));
  return `Too many wrong answers. Wait ${minutes} minute${minutes === 1 ? "" : "s"}, then try again.`;
}

export type StepUpChangeResult = { ok: true; message: string } | { ok: false; error: string };

async function saveStored(actor: { id: string }, change: Stored, describe: Record<string, string | number>): Promise<void> {
  await db().$transaction(async (tx) => {
    const row = await tx.setting.findUnique({ where: { key: STEP_UP_SETTING } });
    const before = storedSchema.safeParse(row?.value);
    const current = before.success ? before.data : {};
    const value = { ...current, ...change, refundAbove: { ...current.refundAbove, ...change.refundAbove } };
    await tx.setting.upsert({ where: { key: STEP_UP_SETTING }, create: { key: STEP_UP_SETTING, value }, update: { value } });
    await tx.staffAction.create({
      data: {
        actorId: actor.id, kind: STEP_UP_CHANGE, objectType: "setting", objectId: STEP_UP_SETTING, params: describe,
        idempotencyKey: randomUUID(), status: "succeeded", outcome: { from: current, to: value }, completedAt: new Date(),
      },
    });
  });
}

export async function setStepUpWindow(actor: { id: string }, input: unknown): Promise<StepUpChangeResult> {
  const minutes = z.coerce.number().int().min(1).max(MAX_WINDOW_MINUTES).safeParse(input);
  if (!minutes.success || (typeof input === "string" && !/^\d+$/.test(input.trim()))) {
    return { ok: false, error: `Enter a whole number of minutes from 1 to ${MAX_WINDOW_MINUTES}.` };
  }
  await saveStored(actor, { windowMinutes: minutes.data }, { windowMinutes: minutes.data });
  return { ok: true, message: `High-risk actions now need a sign-in or confirmation within the last ${minutes.data} minute${minutes.data === 1 ? "" : "s"}.` };
}

/** Sets one currency's amount from what the admin typed, in their own number format. */
export async function setRefundStepUpThreshold(actor: { id: string }, input: { currency: unknown; amount: unknown }): Promise<StepUpChangeResult> {
  const currency = z.string().trim().toLowerCase().regex(/^[a-z]{3}$/).safeParse(input.currency);
  if (!currency.success) return { ok: false, error: "Choose a currency." };
  const parsed = await readStaffAmount(actor.id, typeof input.amount === "string" ? input.amount : "", currency.data);
  if (!parsed.ok) return { ok: false, error: parsed.message };
  await saveStored(actor, { refundAbove: { [currency.data]: parsed.amount.toString() } }, { currency: currency.data, amount: parsed.amount.toString() });
  return { ok: true, message: `${currency.data.toUpperCase()} refunds above ${formatMoney(parsed.amount, currency.data, parsed.locale)} now need a recent confirmation.` };
}
