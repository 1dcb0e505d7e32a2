// Every object an event touches links to the page that shows it, through the mirror where the
// object lives on another one's page.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { objectPages } from "./object-pages";

useTestDatabase();

const base = { livemode: false, data: {}, syncedAt: new Date(), created: new Date("2026-10-01T00:00:00Z") };

beforeAll(async () => {
  await db().charge.create({ data: { ...base, id: "ch_page", status: "succeeded", amount: 100n, currency: "usd", paymentIntentId: "pi_page" } });
  await db().refund.create({ data: { ...base, id: "re_page", status: "succeeded", amount: 100n, currency: "usd", paymentIntentId: "pi_page" } });
  await db().paymentMethod.create({ data: { ...base, id: "pm_page", type: "card", customerId: "cus_page" } });
  await db().paymentMethod.create({ data: { ...base, id: "pm_detached", type: "card", customerId: null } });
});

describe("objectPages", () => {
  it("links each object to its own page, or to the page of the payment or customer it belongs to", async () => {
    const pages = await objectPages([
      { objectId: "pi_page", objectType: "payment_intent" },
      { objectId: "ch_page", objectType: "charge" },
      { objectId: "re_page", objectType: "refund" },
      { objectId: "dp_page", objectType: "dispute" },
      { objectId: "po_page", objectType: "payout" },
      { objectId: "cus_page", objectType: "customer" },
      { objectId: "pm_page", objectType: "payment_method" },
    ]);
    expect(Object.fromEntries(pages)).toEqual({
      pi_page: "/payments/pi_page",
      ch_page: "/payments/pi_page",
      re_page: "/payments/pi_page",
      dp_page: "/disputes/dp_page",
      po_page: "/payouts/po_page",
      cus_page: "/customers/cus_page",
      pm_page: "/customers/cus_page",
    });
  });

  it("gives no page to an object not mirrored yet, a detached card or a type without one", async () => {
    const pages = await objectPages([
      { objectId: "ch_unknown", objectType: "charge" },
      { objectId: "pm_detached", objectType: "payment_method" },
      { objectId: "file_1", objectType: "file" },
    ]);
    expect(pages.size).toBe(0);
  });
});
