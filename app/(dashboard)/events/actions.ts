"use server";

import { revalidatePath } from "next/cache";
import { requirePermission } from "@/lib/auth/require-role";
import { stepUpRefusal } from "@/lib/auth/step-up";
import { catchUpNow, replayEvent, setUpEndpointFromApp, startBackfill, type OperationResult } from "@/lib/webhooks/operations";

// Thin on purpose: the permission is checked here, on the server, for every call.

export async function replayEventAction(input: unknown): Promise<OperationResult> {
  const access = await requirePermission("events.replay");
  if (!access.ok) return { ok: false, error: access.error };
  const result = await replayEvent(access.staff, input);
  revalidatePath("/events");
  return result;
}

export async function catchUpAction(): Promise<OperationResult> {
  const access = await requirePermission("events.catch_up");
  if (!access.ok) return { ok: false, error: access.error };
  const result = await catchUpNow(access.staff);
  revalidatePath("/events");
  return result;
}

export async function backfillAction(): Promise<OperationResult> {
  const access = await requirePermission("events.catch_up");
  if (!access.ok) return { ok: false, error: access.error };
  return startBackfill(access.staff);
}

export async function setUpEndpointAction(input: unknown): Promise<OperationResult> {
  const access = await requirePermission("webhooks.endpoint.manage");
  if (!access.ok) return { ok: false, error: access.error };
  // Where Stripe sends the account's events is a high-risk change (lib/auth/step-up.ts).
  const stepUp = await stepUpRefusal(access.staff);
  if (stepUp) return stepUp;
  const result = await setUpEndpointFromApp(access.staff, input);
  revalidatePath("/events");
  return result;
}
