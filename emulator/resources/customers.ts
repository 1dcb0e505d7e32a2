import { z } from "zod";
import { invalidRequest, resourceMissing } from "../core/errors";
import { newId, randomToken } from "../core/ids";
import { listOf } from "../core/list";
import { mergeMetadata, metadata, parse, refuseOverlongString } from "../core/params";
import type { Router } from "../core/router";
import type { StripeObject } from "../core/store";
import type { World } from "../core/world";
import { attachPaymentMethod, resolvePaymentMethod } from "./payment_methods";

const address = z
  .object({
    city: z.string().optional(),
    country: z.string().optional(),
    line1: z.string().optional(),
    line2: z.string().optional(),
    postal_code: z.string().optional(),
    state: z.string().optional(),
  })
  .or(z.literal(""));

const customerParams = z.object({
  email: z.string().optional(),
  name: z.string().optional(),
  phone: z.string().optional(),
  description: z.string().optional(),
  address: address.optional(),
  metadata: metadata.optional(),
  payment_method: z.string().optional(),
  preferred_locales: z.array(z.string()).optional(),
  invoice_settings: z.object({ default_payment_method: z.string().optional() }).optional(),
});

// maxLength of each field in Stripe's API reference for customers (create and update).
const MAX_LENGTH = { name: 256, email: 512, phone: 20, description: 350 } as const;

/**
 * What Stripe refuses before changing anything: a field over its length, an email that is not one
 * (error code email_invalid), metadata keys over 40 characters, values over 500 characters
 * (docs.stripe.com/metadata). An empty string unsets a field and is accepted.
 */
function refuseInvalidCustomerParams(p: z.output<typeof customerParams>): void {
  for (const field of ["name", "email", "phone", "description"] as const) {
    const value = p[field];
    if (value !== undefined) refuseOverlongString(value, MAX_LENGTH[field], field);
  }
  if (p.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(p.email)) {
    throw invalidRequest(`Invalid email address: ${p.email}`, { param: "email", code: "email_invalid" });
  }
  if (p.metadata && typeof p.metadata === "object") {
    for (const [key, value] of Object.entries(p.metadata)) {
      if (key.length > 40) throw invalidRequest(`Metadata keys can have up to 40 characters. The key '${key}' is too long.`, { param: "metadata" });
      if (value.length > 500) throw invalidRequest(`Metadata values can have up to 500 characters, but you passed in a value that is ${value.length} characters. Invalid value: ${value.slice(0, 10)}...`, { param: "metadata" });
    }
  }
}

function fullAddress(value: z.output<typeof address> | undefined): Record<string, string | null> | null {
  if (!value) return null;
  return {
    city: value.city ?? null,
    country: value.country ?? null,
    line1: value.line1 ?? null,
    line2: value.line2 ?? null,
    postal_code: value.postal_code ?? null,
    state: value.state ?? null,
  };
}

const emptyToNull = (v: string | undefined): string | null | undefined => (v === undefined ? undefined : v === "" ? null : v);

export function findCustomer(world: World, id: string, param = "id"): StripeObject {
  const customer = world.store.getOf("customer", id);
  if (!customer || world.store.hidden(id).deleted) throw resourceMissing("customer", id, param);
  return customer;
}

function create(world: World, input: unknown): StripeObject {
  const p = parse(customerParams, input);
  refuseInvalidCustomerParams(p);
  const customer: StripeObject = {
    id: newId("cus"),
    object: "customer",
    address: fullAddress(p.address),
    balance: 0,
    created: world.now(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: p.description ?? null,
    discount: null,
    email: p.email ?? null,
    invoice_prefix: randomToken(8).toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: world.livemode,
    metadata: mergeMetadata({}, p.metadata),
    name: p.name ?? null,
    next_invoice_sequence: 1,
    phone: p.phone ?? null,
    preferred_locales: p.preferred_locales ?? [],
    shipping: null,
    tax_exempt: "none",
    test_clock: null,
  };
  world.store.insert(customer);
  world.emit("customer.created", customer);
  if (p.payment_method) {
    const pm = resolvePaymentMethod(world, p.payment_method, "payment_method");
    attachPaymentMethod(world, pm, customer.id);
  }
  if (p.invoice_settings?.default_payment_method) {
    world.update(customer, { invoice_settings: { ...(customer.invoice_settings as object), default_payment_method: p.invoice_settings.default_payment_method } });
  }
  return customer;
}

function update(world: World, id: string, input: unknown): StripeObject {
  const customer = findCustomer(world, id);
  const p = parse(customerParams, input);
  refuseInvalidCustomerParams(p);
  const changes: Record<string, unknown> = {};
  if (p.email !== undefined) changes.email = emptyToNull(p.email);
  if (p.name !== undefined) changes.name = emptyToNull(p.name);
  if (p.phone !== undefined) changes.phone = emptyToNull(p.phone);
  if (p.description !== undefined) changes.description = emptyToNull(p.description);
  if (p.address !== undefined) changes.address = fullAddress(p.address);
  if (p.preferred_locales !== undefined) changes.preferred_locales = p.preferred_locales;
  if (p.metadata !== undefined) changes.metadata = mergeMetadata(customer.metadata as Record<string, string>, p.metadata);
  if (p.invoice_settings?.default_payment_method !== undefined) {
    const pmId = p.invoice_settings.default_payment_method;
    if (pmId && !world.store.getOf("payment_method", pmId)) {
      throw resourceMissing("PaymentMethod", pmId, "invoice_settings[default_payment_method]");
    }
    changes.invoice_settings = { ...(customer.invoice_settings as object), default_payment_method: pmId || null };
  }
  const previous = world.update(customer, changes);
  if (Object.keys(previous).length > 0) world.emit("customer.updated", customer, previous);
  return customer;
}

function remove(world: World, id: string): StripeObject {
  const customer = findCustomer(world, id);
  world.store.setHidden(id, { deleted: true });
  world.emit("customer.deleted", customer);
  return { id, object: "customer", deleted: true };
}

export function registerCustomers(router: Router): void {
  router.post("/v1/customers", (r) => create(r.world, r.input));
  router.get("/v1/customers", (r) => {
    const email = typeof r.input.email === "string" ? r.input.email : undefined;
    const items = r.world.store
      .where("customer", (c) => !r.world.store.hidden(c.id).deleted && (email === undefined || c.email === email));
    return listOf(r.world.store, items, r.input, "/v1/customers");
  });
  router.get("/v1/customers/:id", (r) => {
    const customer = r.world.store.getOf("customer", r.params.id ?? "");
    if (!customer) throw resourceMissing("customer", r.params.id ?? "");
    if (r.world.store.hidden(customer.id).deleted) return { id: customer.id, object: "customer", deleted: true };
    return customer;
  });
  router.post("/v1/customers/:id", (r) => update(r.world, r.params.id ?? "", r.input));
  router.delete("/v1/customers/:id", (r) => remove(r.world, r.params.id ?? ""));
}
