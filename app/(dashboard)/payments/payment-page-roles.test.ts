// The payment page as each role sees it: the refund form only for roles that may refund, prefilled
// with all that is left only for roles that may refund all of it (lib/auth/permissions.ts).
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { can } from "@/lib/auth/permissions";
import { paidPayment, useMoneyTestbed } from "@/tests/support/money-testbed";
import { actAs, installRequestContext } from "../../../tests/authorization/request-context";

vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const SECRET = "payment-page-roles-secret-0123456789abcdef";
process.env.DATABASE_URL = "pglite:memory";
process.env.NEXTAUTH_SECRET = SECRET;
installRequestContext();

const bed = useMoneyTestbed();
let paymentIntentId: string;

beforeAll(async () => {
  ({ paymentIntentId } = await paidPayment(bed, { amount: "25.00" }));
}, 120_000);

async function renderPaymentPage(): Promise<string> {
  const { default: PaymentPage } = await import("./[id]/page");
  return renderToStaticMarkup(await PaymentPage({ params: Promise.resolve({ id: paymentIntentId }) }));
}

describe("the payment page by role", () => {
  it.each([...STAFF_ROLES])("shows %s the refund form only with a refund permission, prefilled only for a full refund", async (role) => {
    await actAs(bed.staff[role], SECRET);
    const html = await renderPaymentPage();
    const amountInput = html.match(/<input[^>]*name="amount"[^>]*>/)?.[0] ?? null;
    if (!can([role], "refunds.create_partial")) {
      expect(amountInput).toBeNull();
      return;
    }
    expect(amountInput).not.toBeNull();
    if (can([role], "refunds.create")) {
      expect(amountInput).toContain('value="25.00"');
      expect(html).not.toContain("your roles refund part of it, not all");
    } else {
      expect(amountInput).toContain('value=""');
      expect(html).toContain("your roles refund part of it, not all");
    }
  });
});
