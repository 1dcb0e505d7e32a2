import { createHash } from "node:crypto";
import { z } from "zod";
import { cardError } from "../core/errors";
import { newId } from "../core/ids";
import { mergeMetadata } from "../core/params";
import type { StripeObject } from "../core/store";
import type { World } from "../core/world";
import { cardForNumber, luhnValid } from "./test_cards";

// Making a card PaymentMethod from card details, on its own so that both the PaymentMethod routes
// and card tokens (which validate like one and become one) can use it without importing each other.

export type CardInput = { number: string; exp_month: number; exp_year: number; cvc?: string };

export const billingDetails = z
  .object({
    name: z.string().optional(),
    email: z.string().optional(),
    phone: z.string().optional(),
    address: z.record(z.string(), z.string()).optional(),
  })
  .optional();

export function billing(details: z.output<typeof billingDetails>): Record<string, unknown> {
  const a = details?.address;
  return {
    address: {
      city: a?.city ?? null,
      country: a?.country ?? null,
      line1: a?.line1 ?? null,
      line2: a?.line2 ?? null,
      postal_code: a?.postal_code ?? null,
      state: a?.state ?? null,
    },
    email: details?.email ?? null,
    name: details?.name ?? null,
    phone: details?.phone ?? null,
    tax_id: null,
  };
}

function fingerprint(number: string): string {
  return createHash("sha256").update(`ledgerline:${number}`).digest("base64").replace(/[^A-Za-z0-9]/g, "").slice(0, 16);
}

function validateCard(world: World, card: CardInput): void {
  const year = card.exp_year < 100 ? 2000 + card.exp_year : card.exp_year;
  if (!/^\d{12,19}$/.test(card.number) || !luhnValid(card.number)) {
    throw cardError({ code: "incorrect_number", message: "Your card number is incorrect.", param: "card[number]" });
  }
  if (card.exp_month < 1 || card.exp_month > 12) {
    throw cardError({ code: "invalid_expiry_month", message: "Your card's expiration month is invalid.", param: "card[exp_month]" });
  }
  const now = new Date(world.now() * 1000);
  const expired = year < now.getUTCFullYear() || (year === now.getUTCFullYear() && card.exp_month < now.getUTCMonth() + 1);
  if (expired || year > now.getUTCFullYear() + 50) {
    throw cardError({ code: "invalid_expiry_year", message: "Your card's expiration year is invalid.", param: "card[exp_year]" });
  }
  if (card.cvc !== undefined && !/^\d{3,4}$/.test(card.cvc)) {
    throw cardError({ code: "invalid_cvc", message: "Your card's security code is invalid.", param: "card[cvc]" });
  }
}

export function createCardPaymentMethod(
  world: World,
  card: CardInput,
  extra: { billing_details?: z.output<typeof billingDetails>; metadata?: "" | Record<string, string>; allow_redisplay?: string } = {},
): StripeObject {
  validateCard(world, card);
  const test = cardForNumber(card.number);
  const pm: StripeObject = {
    id: newId("pm"),
    object: "payment_method",
    allow_redisplay: extra.allow_redisplay ?? "unspecified",
    billing_details: billing(extra.billing_details),
    card: {
      brand: test.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: card.cvc ? "unchecked" : null },
      country: test.country,
      display_brand: test.brand,
      exp_month: card.exp_month,
      exp_year: card.exp_year < 100 ? 2000 + card.exp_year : card.exp_year,
      fingerprint: fingerprint(card.number),
      funding: test.funding,
      generated_from: null,
      last4: card.number.slice(-4),
      networks: { available: [test.brand], preferred: null },
      regulated_status: "unregulated",
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: world.now(),
    customer: null,
    customer_account: null,
    livemode: world.livemode,
    metadata: mergeMetadata({}, extra.metadata),
    type: "card",
  };
  return world.store.insert(pm, { number: card.number, cvc: card.cvc !== undefined, setupDone: false });
}
