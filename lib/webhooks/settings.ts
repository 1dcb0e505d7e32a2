import { z } from "zod";
import { db } from "@/lib/db";

/**
 * The webhook endpoint this deployment registered with Stripe, kept in the Setting table: its id
 * (to update it instead of creating duplicates) and, in emulator mode, its signing secret. With a
 * real Stripe key the secret comes from STRIPE_WEBHOOK_SECRET instead, so it never sits in the
 * database of a production deployment unless an admin chose to set the endpoint up from the app.
 */

export const WEBHOOK_ENDPOINT_SETTING = "stripe.webhook_endpoint";

export const storedEndpointSchema = z.object({
  id: z.string().startsWith("we_"),
  url: z.string().url(),
  secret: z.string().startsWith("whsec_").nullable(),
  enabledEvents: z.array(z.string()),
  livemode: z.boolean(),
  savedAt: z.string(),
  /** The API version Stripe renders its events in; null = the account's default. Absent in rows saved before it was kept. */
  apiVersion: z.string().nullable().optional(),
  /**
   * An endpoint in another API version that this one replaces (Stripe cannot change an endpoint's
   * version). It keeps sending, signed with its own secret, until this one has delivered
   * (`since`: this endpoint's creation, unix seconds); then it is deleted (endpoint-move.ts).
   */
  replacing: z.object({ id: z.string().startsWith("we_"), secret: z.string().startsWith("whsec_").nullable(), since: z.number().int() }).optional(),
});

export type StoredEndpoint = z.infer<typeof storedEndpointSchema>;

export async function readStoredEndpoint(): Promise<StoredEndpoint | null> {
  const row = await db().setting.findUnique({ where: { key: WEBHOOK_ENDPOINT_SETTING } });
  if (!row) return null;
  const parsed = storedEndpointSchema.safeParse(row.value);
  return parsed.success ? parsed.data : null;
}

export async function saveStoredEndpoint(endpoint: StoredEndpoint): Promise<void> {
  await db().setting.upsert({
    where: { key: WEBHOOK_ENDPOINT_SETTING },
    create: { key: WEBHOOK_ENDPOINT_SETTING, value: endpoint },
    update: { value: endpoint },
  });
}

/**
 * Secrets a delivery may be signed with: the environment's (comma-separated, for rotation) and the
 * ones stored by the endpoint set-up (while it moves to a new API version, the old endpoint's too).
 * Read for each delivery the environment's secrets do not verify, so a set-up done by another
 * instance or the start script takes effect without a restart.
 */
export async function webhookSigningSecrets(environmentSecrets: readonly string[]): Promise<string[]> {
  const stored = await readStoredEndpoint();
  const secrets = [...environmentSecrets];
  for (const secret of [stored?.secret, stored?.replacing?.secret]) if (secret && !secrets.includes(secret)) secrets.push(secret);
  return secrets;
}
