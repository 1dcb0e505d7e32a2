import type { Clock } from "./clock";
import { embeddedListsOf } from "./event_versions";
import { newId } from "./ids";
import type { StripeObject, Store } from "./store";
import { DEFAULT_ACCOUNT_API_VERSION } from "./versions";

export const API_VERSION = "2026-10-28.endive";

export type RequestInfo = { id: string; idempotencyKey: string | null };

// The shared state every resource module works on: the store, the clock, and the event
// stream. `request` is set by the router while a request's handler runs (handlers are
// synchronous), so events name the request that caused them, as Stripe's do.
export class World {
  request: RequestInfo | null = null;
  /** Set from the account's keys at start: live keys make a live account. */
  livemode = false;
  onEvent: (event: StripeObject) => void = () => {};
  countEndpointsFor: (type: string, object: Record<string, unknown>) => number = () => 0;
  /** The account's default API version: endpoints without their own and `GET /v1/events` read events in it. */
  accountApiVersion = DEFAULT_ACCOUNT_API_VERSION;
  saveFile: (id: string, data: Buffer) => void = () => {};

  constructor(
    readonly store: Store,
    readonly clock: Clock,
    public baseUrl: string,
  ) {}

  now(): number {
    return this.clock.now();
  }

  emit(type: string, object: Record<string, unknown>, previousAttributes?: Record<string, unknown>): StripeObject {
    const data: Record<string, unknown> = { object: structuredClone(object) };
    // Stripe sends previous_attributes on `*.updated` events only (FACTS §1).
    if (type.endsWith(".updated") && previousAttributes && Object.keys(previousAttributes).length > 0) {
      data.previous_attributes = structuredClone(previousAttributes);
    }
    const event: StripeObject = {
      id: newId("evt"),
      object: "event",
      api_version: API_VERSION,
      created: this.now(),
      data,
      livemode: this.livemode,
      pending_webhooks: this.countEndpointsFor(type, object),
      request: this.request
        ? { id: this.request.id, idempotency_key: this.request.idempotencyKey }
        : { id: null, idempotency_key: null },
      type,
    };
    // Stored in the emulator's own version; older versions are rendered from these notes on reading.
    this.store.insert(event, { embedded: embeddedListsOf(this.store, object), accountApiVersion: this.accountApiVersion });
    this.onEvent(event);
    return event;
  }

  /** Applies `changes` to `obj` and returns the values they replaced (for previous_attributes). */
  update(obj: StripeObject, changes: Record<string, unknown>): Record<string, unknown> {
    const previous: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(changes)) {
      const before = obj[key];
      if (JSON.stringify(before) === JSON.stringify(value)) continue;
      previous[key] = before === undefined ? null : structuredClone(before);
      obj[key] = value;
    }
    this.store.touch(obj.id);
    return previous;
  }
}
