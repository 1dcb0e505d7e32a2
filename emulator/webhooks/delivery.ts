import http from "node:http";
import https from "node:https";
import { randomToken } from "../core/ids";
import type { StripeObject } from "../core/store";
import type { World } from "../core/world";
import { endpointVersion, renderEventIn } from "../core/event_versions";
import { endpointSecret, endpointsFor } from "../resources/webhook_endpoints";
import { signatureHeader } from "./signature";

export type DeliveryConfig = {
  /** Delays between attempts, in ms; attempt n+1 waits retrySchedule[n-1]. */
  retrySchedule: number[];
  /** Random extra delay (0–shuffleWindowMs) per delivery, so arrival order differs from emission order. */
  shuffle: boolean;
  /**
   * The widest shuffle delay, in ms. Stripe stamps events in whole seconds, so a window over a
   * second makes events of the same second arrive in reverse order often, not just now and then.
   */
  shuffleWindowMs: number;
  /** Probability (0–1) that an event is delivered a second time. */
  duplicateRate: number;
  /** Fixed delay before the first attempt, in ms. */
  delayMs: number;
  timeoutMs: number;
  /**
   * Deliveries in flight at once across all endpoints; the rest wait their turn. The response
   * timeout counts from when a delivery is sent, not from when it was queued, so a burst of events
   * is not mistaken for an endpoint that stopped answering.
   */
  maxConcurrent: number;
};

export const DEFAULT_MAX_CONCURRENT_DELIVERIES = 16;

export const DEFAULT_RETRY_SCHEDULE = [1_000, 5_000, 30_000, 120_000, 600_000];

export type DeliveryRecord = {
  id: string;
  event: string;
  type: string;
  endpoint: string;
  url: string;
  attempt: number;
  duplicate: boolean;
  status: number | null;
  error: string | null;
  succeeded: boolean;
  at: number;
  duration_ms: number;
};

const MAX_RECORDS = 20_000;
export const DEFAULT_SHUFFLE_WINDOW_MS = 100;

// Delivers each event to every enabled endpoint that wants it, signed as Stripe signs, and
// retries failures on a compressed schedule while the emulator runs. Every attempt is logged.
export class WebhookDispatcher {
  config: DeliveryConfig;
  readonly deliveries: DeliveryRecord[] = [];
  private timers = new Set<NodeJS.Timeout>();
  private inflight = new Set<http.ClientRequest>();
  private closed = false;

  constructor(
    private readonly world: World,
    retrySchedule: number[] = DEFAULT_RETRY_SCHEDULE,
  ) {
    this.config = {
      retrySchedule,
      shuffle: false,
      shuffleWindowMs: DEFAULT_SHUFFLE_WINDOW_MS,
      duplicateRate: 0,
      delayMs: 0,
      timeoutMs: 10_000,
      maxConcurrent: DEFAULT_MAX_CONCURRENT_DELIVERIES,
    };
  }

  private sending = 0;
  private readonly waiting: Array<() => void> = [];

  /** Runs `send` when a delivery slot is free; `send` calls the release it is given once done. */
  private whenSlotFree(send: (release: () => void) => void): void {
    const start = () => {
      this.sending += 1;
      let released = false;
      send(() => {
        if (released) return;
        released = true;
        this.sending -= 1;
        if (this.waiting.length > 0 && this.sending < this.config.maxConcurrent) this.waiting.shift()?.();
      });
    };
    if (this.sending < this.config.maxConcurrent) start();
    else this.waiting.push(start);
  }

  enqueue(event: StripeObject): void {
    const object = (event.data as { object: Record<string, unknown> }).object;
    for (const endpoint of endpointsFor(this.world, String(event.type), object)) {
      this.later(this.firstDelay(), () => this.attempt(event.id, endpoint.id, 1, false));
      if (this.config.duplicateRate > 0 && Math.random() < this.config.duplicateRate) {
        this.later(this.firstDelay(), () => this.attempt(event.id, endpoint.id, 1, true));
      }
    }
  }

  private firstDelay(): number {
    return this.config.delayMs + (this.config.shuffle ? Math.random() * this.config.shuffleWindowMs : 0);
  }

  private later(ms: number, fn: () => void): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  private attempt(eventId: string, endpointId: string, attempt: number, duplicate: boolean): void {
    if (this.closed) return;
    this.whenSlotFree((release) => this.send(eventId, endpointId, attempt, duplicate, release));
  }

  private send(eventId: string, endpointId: string, attempt: number, duplicate: boolean, release: () => void): void {
    const event = this.world.store.getOf("event", eventId);
    const endpoint = this.world.store.getOf("webhook_endpoint", endpointId);
    // Stripe stops retrying once an endpoint is disabled or deleted.
    if (!event || !endpoint || endpoint.status !== "enabled") return release();
    // Each endpoint reads the event in its own API version (docs.stripe.com/webhooks/versioning).
    const body = JSON.stringify(renderEventIn(this.world.store, event, endpointVersion(endpoint, this.world.accountApiVersion)));
    // Real time, not the emulator clock: receivers check the timestamp against their own clock.
    const timestamp = Math.floor(Date.now() / 1000);
    const url = new URL(String(endpoint.url));
    const started = Date.now();
    const record = (status: number | null, error: string | null) => {
      release();
      const succeeded = status !== null && status >= 200 && status < 300;
      this.deliveries.push({
        id: `whdel_${randomToken(20)}`,
        event: eventId,
        type: String(event.type),
        endpoint: endpointId,
        url: url.toString(),
        attempt,
        duplicate,
        status,
        error,
        succeeded,
        at: started,
        duration_ms: Date.now() - started,
      });
      if (this.deliveries.length > MAX_RECORDS) this.deliveries.splice(0, this.deliveries.length - MAX_RECORDS);
      if (succeeded && !duplicate) {
        const delivered = (this.world.store.hidden(eventId).deliveredTo as string[] | undefined) ?? [];
        if (!delivered.includes(endpointId)) {
          event.pending_webhooks = Math.max(0, Number(event.pending_webhooks) - 1);
          this.world.store.setHidden(eventId, { deliveredTo: [...delivered, endpointId] });
        }
      } else if (!succeeded) {
        const wait = this.config.retrySchedule[attempt - 1];
        if (wait !== undefined) this.later(wait, () => this.attempt(eventId, endpointId, attempt + 1, duplicate));
      }
    };
    const client = url.protocol === "https:" ? https : http;
    const req = client.request(
      url,
      {
        method: "POST",
        timeout: this.config.timeoutMs,
        headers: {
          "Content-Type": "application/json; charset=utf-8",
          "Content-Length": Buffer.byteLength(body),
          "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
          "Stripe-Signature": signatureHeader(body, endpointSecret(this.world, endpointId), timestamp),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => {
          this.inflight.delete(req);
          record(res.statusCode ?? null, res.statusCode && res.statusCode < 300 ? null : `HTTP ${res.statusCode}`);
        });
      },
    );
    this.inflight.add(req);
    req.on("timeout", () => req.destroy(new Error(`timed out after ${this.config.timeoutMs} ms`)));
    req.on("error", (err) => {
      this.inflight.delete(req);
      if (!this.closed) record(null, err.message);
      else release();
    });
    req.end(body);
  }

  reset(): void {
    this.waiting.length = 0;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.deliveries.length = 0;
  }

  close(): void {
    this.closed = true;
    this.waiting.length = 0;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const req of this.inflight) req.destroy();
    this.inflight.clear();
  }
}
