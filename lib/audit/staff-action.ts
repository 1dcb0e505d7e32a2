import { createHash } from "node:crypto";
import { z } from "zod";
import type { StaffSession } from "@/lib/auth/require-role";
import { can, rolesWithLabel, type Permission } from "@/lib/auth/permissions";
import { rolesLabel } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { describeStripeError, logLineForStripeError } from "@/lib/stripe/errors";
import { idempotencyKeyFor } from "@/lib/stripe/idempotency";
import { responseStamp } from "@/lib/stripe/response-stamp";
import { isRecord } from "@/lib/webhooks/stripe-object";
import { findEarlierAttempt, type Found, type RetryPlan } from "./earlier-attempt";
import { projectApiObjects } from "./project";
import type { ActionResult } from "./result";

/**
 * The one shape of every action that moves money: a StaffAction row is written first, keyed by an
 * id the form generated when it was drawn; Stripe gets an idempotency key derived from that row;
 * the outcome goes back on the row and the response into our tables. A double click, a retried
 * request or a second app instance finds the same row, sends the same key, and Stripe performs the
 * call once. A resend of a row that already existed first asks Stripe what the earlier attempt did
 * (`retry`), because Stripe forgets keys after a day, and because a key Stripe answered with a 500
 * is answered with that 500 again: only once the look-up found nothing does the action move on to
 * its next attempt, with a new key written to the row first.
 */

// The locale, when known, is the person's number format, for the counts in refusal messages.
export type StaffActor = Pick<StaffSession, "id" | "roles"> & { locale?: string };

/** The form's action id: one per drawn form, renewed once an attempt has a final answer. */
export const actionIdSchema = z.uuid({ error: "This form is out of date. Reload the page and try again." });

/** The permission check inside lib as well, so a caller that forgot requirePermission still cannot move money. */
export function refuseUnlessAllowed(actor: StaffActor | null, permission: Permission): ActionResult | null {
  if (!actor) return { ok: false, error: "Your session has ended. Sign in again to continue.", code: "signed_out" };
  if (!can(actor.roles, permission)) {
    return { ok: false, error: `This needs the ${rolesWithLabel(permission)} role; you are signed in as ${rolesLabel(actor.roles)}.`, code: "forbidden" };
  }
  return null;
}

export interface Described {
  message: string;
  outcome: Prisma.InputJsonObject;
  /** The object created or changed (a refund id, a payment id), for the audit view and the form. */
  objectId?: string;
  status?: string;
  /** A customer link path to show once; never stored on the row. */
  link?: string;
}

export interface StaffActionSpec<T> {
  actor: StaffActor;
  actionId: string;
  /** Dotted verb, e.g. "refund.create". */
  kind: string;
  objectType: string;
  objectId: string;
  params: Prisma.InputJsonObject;
  call: (request: { idempotencyKey: string }) => Promise<T>;
  describe: (result: T) => Described | Promise<Described>;
  /** Stripe objects in the response, written to the mirrors at once. */
  objects: (result: T) => unknown[];
  /** How a resend of this action avoids doing twice what a lost answer already did. */
  retry: RetryPlan<T>;
  /** Shown when the same action id comes back with other details (default: reload the page). */
  staleMessage?: string;
}

interface StoredOutcome {
  message?: string;
  code?: string;
  retryable?: boolean;
  objectId?: string;
  status?: string;
  /** The attempt whose key Stripe answered with a 500: it replays that 500 to the key for a day. */
  spentAttempt?: number;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * A short fingerprint of values too long to keep in an action's params (evidence text), so a form
 * sent again with other values under the same action id no longer matches the row.
 */
export function paramsDigest(value: unknown): string {
  return createHash("sha256").update(canonical(value)).digest("hex");
}

function storedOutcome(value: unknown): StoredOutcome {
  return isRecord(value) ? (value as StoredOutcome) : {};
}

function requestIdOf(value: unknown): string | null {
  if (!isRecord(value)) return null;
  const last = value.lastResponse;
  if (isRecord(last) && typeof last.requestId === "string") return last.requestId;
  return typeof value.requestId === "string" ? value.requestId : null;
}

/** Objects Stripe puts inside an error (the PaymentIntent of a decline or of authentication_required). */
function objectsInError(error: unknown): unknown[] {
  if (!isRecord(error) || !isRecord(error.raw)) return [];
  const raw = error.raw;
  return [raw.payment_intent, raw.setup_intent].filter(isRecord);
}

export async function runStaffAction<T>(spec: StaffActionSpec<T>): Promise<ActionResult> {
  const idempotencyKey = idempotencyKeyFor(spec.kind, spec.actionId);
  const { count: inserted } = await db().staffAction.createMany({
    data: [
      {
        id: spec.actionId,
        actorId: spec.actor.id,
        kind: spec.kind,
        objectType: spec.objectType,
        objectId: spec.objectId,
        params: spec.params,
        idempotencyKey,
      },
    ],
    skipDuplicates: true,
  });
  const row = await db().staffAction.findUnique({ where: { id: spec.actionId } });
  if (!row) throw new Error(`Staff action ${spec.actionId} vanished after insert`);
  if (row.actorId !== spec.actor.id || row.kind !== spec.kind || canonical(row.params) !== canonical(spec.params)) {
    return { ok: false, error: spec.staleMessage ?? "This form was already used for another action. Reload the page and try again.", code: "stale_form" };
  }

  const previous = storedOutcome(row.outcome);
  if (row.status === "succeeded") {
    return { ok: true, message: previous.message ?? "Done.", objectId: previous.objectId, status: previous.status };
  }
  if (row.status === "failed" && !previous.retryable) {
    return { ok: false, error: row.errorMessage ?? "This action failed.", code: previous.code, objectId: previous.objectId };
  }

  // The row was there before this request: an earlier attempt (or one still running) may have
  // done the work at Stripe even though its answer never came back.
  const keySpent = previous.spentAttempt === row.attempt;
  const earlier = inserted === 0 ? await findEarlierAttempt(spec.retry, row.createdAt, spec.kind, keySpent) : null;
  if (earlier && "refuse" in earlier) return earlier.refuse;
  const attempt = !earlier && keySpent ? await nextAttempt(spec, row) : { attempt: row.attempt, idempotencyKey: row.idempotencyKey };
  const outcome: Found<T> = earlier
    ? earlier.found
    : await spec.call({ idempotencyKey: attempt.idempotencyKey }).then((result) => ({ result }), (error: unknown) => ({ error }));
  if ("error" in outcome) return recordFailure(spec, row.id, outcome.error, attempt.attempt);

  const described = await spec.describe(outcome.result);
  await db().staffAction.update({
    where: { id: row.id },
    data: {
      status: "succeeded",
      outcome: { ...described.outcome, message: described.message, objectId: described.objectId ?? null, status: described.status ?? null },
      objectId: row.objectId ?? described.objectId ?? null,
      stripeRequestId: requestIdOf(outcome.result),
      errorMessage: null,
      completedAt: new Date(),
    },
  });
  await projectQuietly(spec.kind, spec.objects(outcome.result), responseStamp(outcome.result));
  return { ok: true, message: described.message, objectId: described.objectId, status: described.status, link: described.link };
}

/**
 * Stripe keeps a 500 under its key and replays it to that key (docs.stripe.com/error-low-level,
 * "Server errors"), so after one the look-up, not the key, decides. When it found nothing, the
 * action moves to its next attempt and key, on the row before the call. Of two presses at once
 * only one moves it; the other sends the key the row now holds, so Stripe still sees one request.
 */
async function nextAttempt<T>(spec: StaffActionSpec<T>, row: { id: string; attempt: number }): Promise<{ attempt: number; idempotencyKey: string }> {
  const attempt = row.attempt + 1;
  const idempotencyKey = idempotencyKeyFor(spec.kind, `${spec.actionId}:${attempt}`);
  const { count } = await db().staffAction.updateMany({ where: { id: row.id, attempt: row.attempt }, data: { attempt, idempotencyKey } });
  if (count === 1) return { attempt, idempotencyKey };
  return db().staffAction.findUniqueOrThrow({ where: { id: row.id }, select: { attempt: true, idempotencyKey: true } });
}

/** A 500 from Stripe: the one server error its idempotency layer keeps under the key. */
function isKept500(error: unknown): boolean {
  return isRecord(error) && error.statusCode === 500;
}

async function recordFailure<T>(spec: StaffActionSpec<T>, rowId: string, error: unknown, attempt: number): Promise<ActionResult> {
  const described = describeStripeError(error);
  const inError = objectsInError(error);
  const objectId = inError.map((o) => (isRecord(o) && typeof o.id === "string" ? o.id : null)).find(Boolean) ?? undefined;
  console.error(`staff action ${spec.kind} ${spec.actionId} failed: ${logLineForStripeError(error) || String(error)}`);
  // A concurrent submission of the same form may have succeeded meanwhile (this one then got
  // Stripe's 409 for the key in use): never turn its success into a failure.
  await db().staffAction.updateMany({
    where: { id: rowId, status: { not: "succeeded" } },
    data: {
      status: "failed",
      errorMessage: described.message,
      outcome: { code: described.code, retryable: described.retryable, ...(objectId ? { objectId } : {}), ...(isKept500(error) ? { spentAttempt: attempt } : {}) },
      stripeRequestId: described.requestId,
      completedAt: new Date(),
    },
  });
  await projectQuietly(spec.kind, inError, responseStamp(error));
  return { ok: false, error: described.message, code: described.code, retryable: described.retryable, objectId };
}

/**
 * Stripe has done the work by now; if our copy cannot be written, the webhook brings it later, so
 * the member of staff still gets Stripe's answer. What an earlier attempt's look-up found came from
 * a list, not from the answer, and carries no Date: it only fills rows we lack (response-stamp.ts).
 */
async function projectQuietly(kind: string, objects: unknown[], stamp: Date): Promise<void> {
  try {
    await projectApiObjects(objects, stamp);
  } catch (error) {
    console.error(`could not project the response of ${kind}; the webhook will bring it`, error);
  }
}
