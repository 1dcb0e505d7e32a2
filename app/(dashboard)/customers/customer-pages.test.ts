// The customer pages rendered as the server renders them, for a merchant whose time zone puts the
// calendar day on the other side of UTC's: every date must be the merchant's, none UTC's. The
// detail page also offers "Withdraw" on open links only.
import { randomUUID } from "node:crypto";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { formatDate as formatDateFor, formatDateTime as formatDateTimeFor } from "@/lib/format";
import { paidPayment, useMoneyTestbed } from "@/tests/support/money-testbed";
import { sendCardLink } from "@/lib/customers/manage";
import { db } from "@/lib/db";
import { issueCustomerLink } from "@/lib/links/customer-link";
import { withdrawCustomerLink } from "@/lib/links/withdraw";
import { setMerchantTimeZone } from "@/lib/listing/time-zone";
import { actAs, installRequestContext } from "../../../tests/authorization/request-context";

vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const SECRET = "customer-pages-session-secret-0123456789abcdef";
process.env.DATABASE_URL = "pglite:memory";
process.env.NEXTAUTH_SECRET = SECRET;
installRequestContext();

const bed = useMoneyTestbed();

// Fourteen hours ahead of UTC from 10:00 UTC on, twelve behind before noon: either way today's
// date in the zone is not UTC's.
const ZONE = new Date().getUTCHours() >= 10 ? "Pacific/Kiritimati" : "Etc/GMT+12";
// As getViewerFormat() reads them today: the merchant's zone, in US English.
const formatDate = (at: Date, timeZone: string) => formatDateFor(at, { locale: "en-US", timeZone });
const formatDateTime = (at: Date, timeZone: string) => formatDateTimeFor(at, { locale: "en-US", timeZone });

let customerId: string;
let openLinkId: string;
let withdrawnLinkId: string;

beforeAll(async () => {
  await setMerchantTimeZone(ZONE);
  ({ customerId } = await paidPayment(bed));
  const open = await sendCardLink(bed.staff.agent, { actionId: randomUUID(), customerId });
  openLinkId = (await db().customerLink.findFirstOrThrow({ where: { setupIntentId: open.ok ? open.objectId : "" } })).id;
  const withdrawn = await sendCardLink(bed.staff.agent, { actionId: randomUUID(), customerId });
  withdrawnLinkId = (await db().customerLink.findFirstOrThrow({ where: { setupIntentId: withdrawn.ok ? withdrawn.objectId : "" } })).id;
  await withdrawCustomerLink(bed.staff.agent, { actionId: randomUUID(), customerId, linkId: withdrawnLinkId, purpose: "setup_card" });
  await issueCustomerLink({ purpose: "setup_card", customerId, createdById: bed.staff.agent.id, now: new Date(Date.now() - 8 * 24 * 3600 * 1000) });
}, 120_000);

async function renderCustomerPage(): Promise<string> {
  const { default: CustomerPage } = await import("./[id]/page");
  return renderToStaticMarkup(await CustomerPage({ params: Promise.resolve({ id: customerId }) }));
}

/** Markup as text, the way a reader sees it. */
const text = (html: string) =>
  html.replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/&amp;/g, "&").replace(/\s+/g, " ");

describe("customer pages", () => {
  it("show every date of a customer in the merchant's time zone", async () => {
    await actAs(bed.staff.agent, SECRET);
    const page = text(await renderCustomerPage());
    const customer = await db().customer.findUniqueOrThrow({ where: { id: customerId } });
    const payment = await db().paymentIntent.findFirstOrThrow({ where: { customerId } });
    const links = await db().customerLink.findMany({ where: { customerId } });
    const expected = [
      `customer since ${formatDate(customer.created, ZONE)}`,
      formatDateTime(payment.created, ZONE),
      ...links.map((l) => formatDateTime(l.createdAt, ZONE)),
      ...links.flatMap((l) => [
        l.usedAt ? `used ${formatDateTime(l.usedAt, ZONE)}` : null,
        l.revokedAt ? `withdrawn ${formatDateTime(l.revokedAt, ZONE)}` : null,
        !l.usedAt && !l.revokedAt ? `${l.expiresAt < new Date() ? "expired" : "open until"} ${formatDateTime(l.expiresAt, ZONE)}` : null,
      ]),
    ].filter((s): s is string => s !== null);
    for (const date of expected) expect(page).toContain(date);
    expect(page).not.toContain(`customer since ${formatDate(customer.created, "UTC")}`);
    // Date-times name their zone: none may have fallen back to UTC.
    expect(page).not.toMatch(/\bUTC\b/);
  });

  it("list customers with their creation date in the merchant's time zone", async () => {
    // A viewer: the list without the new-customer form, which needs the browser's router.
    await actAs(bed.staff.viewer, SECRET);
    const { default: CustomersPage } = await import("./page");
    const page = text(renderToStaticMarkup(await CustomersPage({ searchParams: Promise.resolve({ q: customerId }) })));
    const customer = await db().customer.findUniqueOrThrow({ where: { id: customerId } });
    expect(page).toContain(formatDate(customer.created, ZONE));
    expect(page).not.toContain(formatDate(customer.created, "UTC"));
  });

  it("offer Withdraw on open links only, and only to those who may send links", async () => {
    await actAs(bed.staff.agent, SECRET);
    const asAgent = await renderCustomerPage();
    const withdrawButtons = asAgent.match(/aria-label="Withdraw the [^"]+"/g) ?? [];
    expect(withdrawButtons).toHaveLength(1);
    const open = await db().customerLink.findUniqueOrThrow({ where: { id: openLinkId } });
    expect(withdrawButtons[0]).toBe(`aria-label="Withdraw the card link sent ${formatDateTime(open.createdAt, ZONE)}"`);
    await actAs(bed.staff.viewer, SECRET);
    expect(await renderCustomerPage()).not.toMatch(/Withdraw/);
  });
});
