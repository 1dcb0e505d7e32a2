import type { StripeObject, Store } from "./store";
import { isBefore } from "./versions";

/**
 * An event is rendered in the API version of whoever reads it: a webhook endpoint's `api_version`,
 * or the account's default for an endpoint without one and for `GET /v1/events` (docs.stripe.com
 * /webhooks/versioning). The store keeps each event in the emulator's own version, plus what older
 * versions showed inside the object as it was at that moment, so every rendering of an event is the
 * same whenever it is read (events are immutable). The differences modelled, each from the version
 * where today's behaviour starts (the changelog entries are cited in the README's fidelity table):
 */

/** 2022-11-15: a charge no longer embeds its refunds, a PaymentIntent no longer lists its charges. */
export const EMBEDDED_LISTS_REMOVED = "2022-11-15";
/** 2024-10-28.acacia: refund.created / updated / failed are sent for refunds of charges too. */
export const REFUND_EVENTS_FOR_CHARGES = "2024-10-28";

type Snapshot = { refunds?: StripeObject[]; charges?: Array<{ charge: StripeObject; refunds: StripeObject[] }> };

function refundsOf(store: Store, chargeId: string): StripeObject[] {
  return structuredClone(store.all("refund").filter((r) => r.charge === chargeId).reverse());
}

/** The lists older versions embedded in `object`, as they are now (called when the event is made). */
export function embeddedListsOf(store: Store, object: Record<string, unknown>): Snapshot {
  const id = String(object.id ?? "");
  if (object.object === "charge") return { refunds: refundsOf(store, id) };
  if (object.object === "payment_intent") {
    const charges = store.all("charge").filter((c) => c.payment_intent === id).reverse();
    return { charges: charges.map((c) => ({ charge: structuredClone(c), refunds: refundsOf(store, c.id) })) };
  }
  return {};
}

function list(data: StripeObject[], url: string): Record<string, unknown> {
  return { object: "list", data, has_more: false, total_count: data.length, url };
}

function withEmbeddedLists(object: StripeObject, snapshot: Snapshot): StripeObject {
  if (object.object === "charge" && snapshot.refunds) {
    return { ...object, refunds: list(snapshot.refunds, `/v1/charges/${object.id}/refunds`) };
  }
  if (object.object === "payment_intent" && snapshot.charges) {
    const charges = snapshot.charges.map(({ charge, refunds }) => ({ ...charge, refunds: list(refunds, `/v1/charges/${charge.id}/refunds`) }));
    // UNCONFIRMED whether versions before 2022-11-15 show latest_charge (the changelog names it as
    // the replacement): left out, so nothing can come to rely on it there.
    const { latest_charge: _latest, ...rest } = object;
    return { ...rest, charges: list(charges, `/v1/charges?payment_intent=${object.id}`) };
  }
  return object;
}

/** Whether an event of this type about this object exists in `version` at all. */
export function isSentIn(type: string, object: Record<string, unknown>, version: string): boolean {
  const refundOfCharge = /^refund\.(created|updated|failed)$/.test(type) && typeof object.charge === "string";
  return !(refundOfCharge && isBefore(version, REFUND_EVENTS_FOR_CHARGES));
}

/** The event as `version` shows it: `api_version` stamped, `data.object` in that version's shape. */
export function renderEventIn(store: Store, event: StripeObject, version: string): StripeObject {
  const rendered = structuredClone(event);
  rendered.api_version = version;
  if (isBefore(version, EMBEDDED_LISTS_REMOVED)) {
    const data = rendered.data as { object: StripeObject };
    data.object = withEmbeddedLists(data.object, (store.hidden(event.id).embedded as Snapshot | undefined) ?? {});
  }
  return rendered;
}

/** The version the account reads an event in (`GET /v1/events`): its default when the event was made. */
export function accountVersionOf(store: Store, event: StripeObject, accountApiVersion: string): string {
  const then = store.hidden(event.id).accountApiVersion;
  return typeof then === "string" ? then : accountApiVersion;
}

/** The version an endpoint receives events in: its own, or the account's default. */
export function endpointVersion(endpoint: StripeObject, accountApiVersion: string): string {
  return typeof endpoint.api_version === "string" ? endpoint.api_version : accountApiVersion;
}
