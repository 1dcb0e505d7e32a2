// Runs after the digest spec (files run in name order): it moves the emulator's clock 200 days on,
// which the specs before it must not see.
import { expect, test } from "@playwright/test";
import { advanceEmulatorClock, emulatorControl, emulatorStripe, expectEvidenceSubmitted, signInAs } from "./helpers";

const DAY = 86_400;
// What the merchant's checkout recorded in each payment's metadata (lib/disputes/ce3/README.md).
const SAME_SHOPPER = { ip_address: "198.51.100.23", device_id: "imei-356938035643809" };

test("a Visa fraud dispute with earlier payments of the card from the same IP and device: staff see why they qualify, submit, and Stripe records CE 3.0 evidence", async ({ page }) => {
  test.setTimeout(150_000);
  const stripe = emulatorStripe();
  const customer = await stripe.customers.create({ email: "rae.regular@example.com", name: "Rae Regular" });
  const card = await stripe.paymentMethods.attach("pm_card_visa", { customer: customer.id });
  const pay = async (description: string) => {
    const intent = await stripe.paymentIntents.create({
      amount: 2400, currency: "usd", customer: customer.id, payment_method: card.id, confirm: true, off_session: true, description, metadata: SAME_SHOPPER,
    });
    return String(intent.latest_charge);
  };
  const march = await pay("Coffee subscription, March");
  await advanceEmulatorClock(10 * DAY);
  const april = await pay("Coffee subscription, April");
  await advanceEmulatorClock(190 * DAY);
  const disputedCharge = await pay("Coffee subscription, October");
  // The card network's fraud chargeback (Visa 10.4) on the latest payment.
  const dispute = (await emulatorControl(`/_emulator/charges/${disputedCharge}/dispute`, { reason: "fraudulent" })) as { id: string };

  await signInAs(page, "agent");
  const panel = page.getByTestId("ce3-panel");
  // The webhooks bring the dispute and the payments' history into our tables within seconds.
  // Other specs' payments with the same test card (one fingerprint) are listed too, without the
  // identifiers, so they do not qualify; these two do.
  await expect(async () => {
    await page.goto(`/disputes/${dispute.id}`);
    for (const charge of [march, april]) await expect(panel.getByTestId("ce3-candidate").filter({ hasText: charge })).toHaveCount(1, { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  for (const charge of [march, april]) {
    const row = panel.getByTestId("ce3-candidate").filter({ hasText: charge });
    await expect(row).toContainText("IP address");
    await expect(row.getByRole("checkbox")).toBeChecked();
  }
  await panel.getByLabel("What was sold in the disputed payment").fill("Monthly coffee subscription, 250 g");
  await panel.getByLabel("Merchandise or services").selectOption("merchandise");
  await page.getByRole("button", { name: "Submit evidence…" }).click();
  await page.getByRole("button", { name: "Submit evidence now" }).click();
  await expectEvidenceSubmitted(page);

  const submitted = await stripe.disputes.retrieve(dispute.id);
  const ce3 = submitted.evidence.enhanced_evidence.visa_compelling_evidence_3!;
  expect(ce3.prior_undisputed_transactions.map((t) => t.charge).sort()).toEqual([march, april].sort());
  expect(ce3.disputed_transaction).toMatchObject({ customer_purchase_ip: SAME_SHOPPER.ip_address, merchandise_or_services: "merchandise" });
  expect(submitted.evidence_details.enhanced_eligibility.visa_compelling_evidence_3).toEqual({ status: "qualified", required_actions: [] });
});
