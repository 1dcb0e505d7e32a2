import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { stripe } from "@/lib/stripe/client";
import { describeStripeError } from "@/lib/stripe/errors";
import { backfillFromStripe } from "./backfill";
import { catchUpMissedEvents } from "./catch-up";
import { setUpWebhookEndpoint } from "./endpoint";
import { replayStoredEvent } from "./retry";
import { stripeRecordDependencies } from "./stripe-facts";

/**
 * The admin operations of the Events page. Each writes an audit row first (StaffAction), then does
 * the work and records the outcome, like every other staff change.
 */

export interface Actor {
  id: string;
}

export type OperationResult = { ok: true; message: string } | { ok: false; error: string };

/** A failure worded for staff, shown and stored as it is. */
class OperationRefusal extends Error {}

async function audited(
  actor: Actor,
  kind: string,
  objectId: string | null,
  params: Prisma.InputJsonObject,
  work: () => Promise<{ message: string; outcome: Prisma.InputJsonObject }>,
): Promise<OperationResult> {
  const action = await db().staffAction.create({
    data: { actorId: actor.id, kind, objectType: objectId ? "event" : null, objectId, params, idempotencyKey: randomUUID() },
  });
  try {
    const { message, outcome } = await work();
    await db().staffAction.update({ where: { id: action.id }, data: { status: "succeeded", outcome, completedAt: new Date() } });
    return { ok: true, message };
  } catch (error) {
    const isStripe = error instanceof Error && "type" in error && typeof (error as { type: unknown }).type === "string";
    const message = isStripe
      ? describeStripeError(error).message
      : error instanceof OperationRefusal
        ? error.message
        : "The operation failed. The server log has the details.";
    // Everyone on the audit page reads the row: the database's or Stripe's own text goes to the log.
    if (!(error instanceof OperationRefusal)) console.error(`staff action ${kind} ${action.id} failed`, error);
    await db().staffAction.update({
      where: { id: action.id },
      data: { status: "failed", errorMessage: message, completedAt: new Date() },
    });
    return { ok: false, error: message };
  }
}

const replaySchema = z.object({ eventId: z.string().regex(/^evt_[A-Za-z0-9_]+$/) });

export async function replayEvent(actor: Actor, input: unknown): Promise<OperationResult> {
  const parsed = replaySchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "That is not an event id." };
  const { eventId } = parsed.data;
  return audited(actor, "event.replay", eventId, { eventId }, async () => {
    const outcome = await replayStoredEvent(eventId, stripeRecordDependencies());
    if (!outcome) throw new OperationRefusal(`No event ${eventId} is stored.`);
    // The event's own page shows what went wrong; the audit row says only that it did.
    if (outcome.status === "failed") throw new OperationRefusal(`Event ${eventId} failed again when processed; its page under Events shows why.`);
    return { message: `Event ${eventId} processed again.`, outcome: { status: outcome.status } };
  });
}

export async function catchUpNow(actor: Actor): Promise<OperationResult> {
  return audited(actor, "events.catch_up", null, {}, async () => {
    const progress = await catchUpMissedEvents(stripe(), stripeRecordDependencies());
    return {
      message: `Read ${progress.fetched} events from Stripe: ${progress.recorded} were missing and are now recorded${progress.failed ? `, ${progress.failed} failed` : ""}.`,
      outcome: { ...progress },
    };
  });
}

// One backfill at a time per process; the cursors make a second instance's run harmless anyway.
const running = globalThis as typeof globalThis & { __ledgerlineBackfill?: Promise<unknown> };

export async function startBackfill(actor: Actor): Promise<OperationResult> {
  if (running.__ledgerlineBackfill) return { ok: true, message: "A backfill is already running; its progress shows below." };
  return audited(actor, "events.backfill", null, {}, async () => {
    // Runs in the background: a large account takes longer than a request may last.
    running.__ledgerlineBackfill = backfillFromStripe(stripe())
      .catch((error: unknown) => console.error(`[backfill] stopped: ${error instanceof Error ? error.message : error}`))
      .finally(() => {
        running.__ledgerlineBackfill = undefined;
      });
    return { message: "Backfill started. It resumes where it stopped if interrupted.", outcome: { started: true } };
  });
}

const endpointSchema = z.object({ appUrl: z.string().url().max(500) });

export async function setUpEndpointFromApp(actor: Actor, input: unknown): Promise<OperationResult> {
  const parsed = endpointSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "Enter the dashboard's public URL, e.g. https://dashboard.example.com" };
  return audited(actor, "webhook_endpoint.setup", null, { appUrl: parsed.data.appUrl }, async () => {
    // Set up from the app, we keep the secret ourselves so deliveries verify without a redeploy.
    const result = await setUpWebhookEndpoint(stripe(), parsed.data.appUrl, { needSecret: true });
    return {
      message: `Webhook endpoint ${result.endpoint.id} ${result.action} for ${result.endpoint.url}.`,
      outcome: { endpointId: result.endpoint.id, action: result.action },
    };
  });
}
