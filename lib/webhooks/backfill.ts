import { db } from "@/lib/db";
import type { Stripe } from "@/lib/stripe/client";
import { responseStamp } from "@/lib/stripe/response-stamp";
import { fillMissingFees } from "./fees";
import { projectorFor } from "./projectors";
import type { StripeObject } from "./stripe-object";

/**
 * Copies objects older than Stripe's 30 days of events through the list APIs, newest first, one
 * page per transaction. The position is kept in SyncCursor after every page, so an interrupted
 * backfill resumes where it stopped. Snapshots are stamped with the second Stripe served their page
 * (response-stamp.ts): an event older than the page never overwrites them, a newer one does.
 */

type Page = { data: StripeObject[]; has_more: boolean; stamp: Date };
type ListParams = { limit: number; starting_after?: string };

interface BackfillResource {
  name: string;
  list: (client: Stripe, params: ListParams) => Promise<Page>;
}

const asPage = (list: { data: unknown[]; has_more: boolean }): Page => ({ data: list.data as StripeObject[], has_more: list.has_more, stamp: responseStamp(list) });

export const BACKFILL_RESOURCES: readonly BackfillResource[] = [
  { name: "customers", list: async (c, p) => asPage(await c.customers.list(p)) },
  { name: "payment_intents", list: async (c, p) => asPage(await c.paymentIntents.list(p)) },
  { name: "charges", list: async (c, p) => asPage(await c.charges.list(p)) },
  { name: "refunds", list: async (c, p) => asPage(await c.refunds.list(p)) },
  { name: "disputes", list: async (c, p) => asPage(await c.disputes.list(p)) },
  { name: "payouts", list: async (c, p) => asPage(await c.payouts.list(p)) },
  { name: "balance_transactions", list: async (c, p) => asPage(await c.balanceTransactions.list(p)) },
  { name: "setup_intents", list: async (c, p) => asPage(await c.setupIntents.list(p)) },
  { name: "early_fraud_warnings", list: async (c, p) => asPage(await c.radar.earlyFraudWarnings.list(p)) },
];

export interface BackfillProgress {
  resource: string;
  copied: number;
  finished: boolean;
}

interface CursorProgress {
  copied?: number;
  finished?: boolean;
}

const cursorName = (resource: string) => `backfill.${resource}`;

export async function backfillFromStripe(
  client: Stripe,
  onProgress: (progress: BackfillProgress) => void = () => {},
  options: { restart?: boolean; pageSize?: number } = {},
): Promise<BackfillProgress[]> {
  const results: BackfillProgress[] = [];
  for (const resource of BACKFILL_RESOURCES) {
    results.push(await backfillResource(client, resource, onProgress, options));
  }
  results.push(await backfillPaymentMethods(client, onProgress, options));
  results.push(await linkPaidPayouts(client, onProgress));
  // Charges copied while their balance transaction was still being written have no fees yet.
  const fees = await fillMissingFees(client);
  const filled = { resource: "fees", copied: fees.charges + fees.transactions, finished: fees.failed === 0 };
  onProgress(filled);
  results.push(filled);
  return results;
}

/**
 * Reconciled automatic payouts copied by the backfill never got their events here: list the balance
 * transactions each one paid out, as the payout projector does. Manual payouts are never asked
 * about (Stripe refuses to itemise them). `balance_transactions_linked_at` is the resume point.
 */
async function linkPaidPayouts(client: Stripe, onProgress: (progress: BackfillProgress) => void): Promise<BackfillProgress> {
  const progress: BackfillProgress = { resource: "payout_links", copied: 0, finished: false };
  const payouts = await db().payout.findMany({
    where: { status: "paid", automatic: true, reconciliationStatus: "completed", balanceTransactionsLinkedAt: null },
    select: { id: true, data: true },
  });
  for (const payout of payouts) {
    const transactions: StripeObject[] = [];
    for await (const bt of client.balanceTransactions.list({ payout: payout.id, limit: 100 })) transactions.push(bt as unknown as StripeObject);
    const projector = projectorFor(payout.data as StripeObject);
    await db().$transaction(
      async (tx) => {
        // Re-applying the stored snapshot with its own stamp changes nothing but the links.
        const stored = await tx.payout.findUniqueOrThrow({ where: { id: payout.id }, select: { syncedAt: true } });
        await projector?.(tx, { object: payout.data as StripeObject, stamp: stored.syncedAt, eventType: null, payoutBalanceTransactions: transactions });
      },
      { maxWait: 30_000, timeout: 60_000 },
    );
    progress.copied += transactions.length;
  }
  progress.finished = true;
  onProgress({ ...progress });
  return progress;
}

async function backfillResource(
  client: Stripe,
  resource: BackfillResource,
  onProgress: (progress: BackfillProgress) => void,
  options: { restart?: boolean; pageSize?: number },
): Promise<BackfillProgress> {
  const name = cursorName(resource.name);
  const saved = options.restart ? null : await db().syncCursor.findUnique({ where: { name } });
  const savedProgress = (saved?.progress ?? {}) as CursorProgress;
  const progress: BackfillProgress = { resource: resource.name, copied: savedProgress.copied ?? 0, finished: false };
  if (savedProgress.finished) {
    progress.finished = true;
    onProgress(progress);
    return progress;
  }
  let cursor = saved?.cursor ?? undefined;
  for (;;) {
    const page = await resource.list(client, { limit: options.pageSize ?? 100, ...(cursor ? { starting_after: cursor } : {}) });
    await storePage(page.data, page.stamp);
    cursor = page.data.at(-1)?.id as string | undefined ?? cursor;
    progress.copied += page.data.length;
    progress.finished = !page.has_more || page.data.length === 0;
    await saveCursor(name, cursor ?? null, progress);
    onProgress({ ...progress });
    if (progress.finished) return progress;
  }
}

/** Payment methods are listed per customer; the cursor is the last customer whose cards are copied. */
async function backfillPaymentMethods(
  client: Stripe,
  onProgress: (progress: BackfillProgress) => void,
  options: { restart?: boolean },
): Promise<BackfillProgress> {
  const name = cursorName("payment_methods");
  const saved = options.restart ? null : await db().syncCursor.findUnique({ where: { name } });
  const savedProgress = (saved?.progress ?? {}) as CursorProgress;
  const progress: BackfillProgress = { resource: "payment_methods", copied: savedProgress.copied ?? 0, finished: false };
  if (savedProgress.finished) return { ...progress, finished: true };
  let after = saved?.cursor ?? "";
  for (;;) {
    const customers = await db().customer.findMany({ where: { id: { gt: after } }, orderBy: { id: "asc" }, take: 50, select: { id: true } });
    for (const { id } of customers) {
      // Page by page, not the SDK's auto-pagination: each page is stamped with its own Date.
      let page = await client.customers.listPaymentMethods(id, { limit: 100 });
      for (;;) {
        await storePage(page.data as unknown as StripeObject[], responseStamp(page));
        progress.copied += page.data.length;
        const last = page.data.at(-1);
        if (!page.has_more || !last) break;
        page = await client.customers.listPaymentMethods(id, { limit: 100, starting_after: last.id });
      }
      after = id;
    }
    progress.finished = customers.length < 50;
    await saveCursor(name, after, progress);
    onProgress({ ...progress });
    if (progress.finished) return progress;
  }
}

async function storePage(objects: StripeObject[], stamp: Date): Promise<void> {
  if (objects.length === 0) return;
  await db().$transaction(
    async (tx) => {
      for (const object of objects) {
        const projector = projectorFor(object);
        if (projector) await projector(tx, { object, stamp, eventType: null });
      }
    },
    { maxWait: 30_000, timeout: 60_000 },
  );
}

async function saveCursor(name: string, cursor: string | null, progress: BackfillProgress): Promise<void> {
  const value = { copied: progress.copied, finished: progress.finished };
  await db().syncCursor.upsert({
    where: { name },
    create: { name, cursor, progress: value },
    update: { cursor, progress: value },
  });
}

/** For the progress bar: every backfill cursor we hold. */
export async function backfillStatus(): Promise<BackfillProgress[]> {
  const rows = await db().syncCursor.findMany({ where: { name: { startsWith: "backfill." } } });
  return rows.map((row) => {
    const p = (row.progress ?? {}) as CursorProgress;
    return { resource: row.name.slice("backfill.".length), copied: p.copied ?? 0, finished: p.finished === true };
  });
}
