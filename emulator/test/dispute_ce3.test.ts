import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, stripeError, type TestEmulator } from "./helpers";

// Visa Compelling Evidence 3.0: docs.stripe.com/disputes/api/visa-ce3 and stripe@23 `Disputes.d.ts`.
let emu: TestEmulator;
let stripe: Stripe;
const DAY = 86_400;
const ip = "203.0.113.7";
const device = "device-0123456789abcdef";
const history: Record<string, string> = {};
let disputeId = "";

async function pay(pm: string, customer: string, amount = 3000) {
  const pi = await stripe.paymentIntents.create({ amount, currency: "usd", customer, payment_method: pm, confirm: true, off_session: true, metadata: { ip_address: ip } });
  return String(pi.latest_charge);
}

beforeAll(async () => {
  emu = await startTestEmulator();
  stripe = emu.stripe;
  const customer = await stripe.customers.create({ email: "buyer@example.com" });
  const visa = await stripe.paymentMethods.attach("pm_card_visa", { customer: customer.id });
  const other = await stripe.paymentMethods.attach("pm_card_mastercard", { customer: customer.id });
  history.first = await pay(visa.id, customer.id);
  await emu.advance(DAY);
  history.second = await pay(visa.id, customer.id);
  history.otherCard = await pay(other.id, customer.id);
  history.wasDisputed = await pay(visa.id, customer.id);
  await emu.control("POST", `/_emulator/charges/${history.wasDisputed}/dispute`, {});
  await emu.advance(80 * DAY);
  history.tooRecent = await pay(visa.id, customer.id);
  await emu.advance(119 * DAY);
  history.disputed = await pay(visa.id, customer.id);
  const created = await emu.control("POST", `/_emulator/charges/${history.disputed}/dispute`, { reason: "fraudulent" });
  expect(created.status).toBe(200);
  disputeId = created.body.id;
}, 60_000);
afterAll(() => emu.close());

const tx = (extra: Record<string, unknown> = {}) => ({ customer_purchase_ip: ip, customer_device_id: device, product_description: "Annual plan", ...extra });
const ce3 = (v: Record<string, unknown>) => ({ evidence: { enhanced_evidence: { visa_compelling_evidence_3: v } }, submit: false }) as Stripe.DisputeUpdateParams;

describe("Visa Compelling Evidence 3.0", () => {
  it("marks a Visa 10.4 fraud dispute eligible, with every action still required", async () => {
    const dispute = await stripe.disputes.retrieve(disputeId);
    expect(dispute.payment_method_details?.card).toMatchObject({ network: "visa", network_reason_code: "10.4", case_type: "chargeback" });
    expect(dispute.enhanced_eligibility_types).toEqual(["visa_compelling_evidence_3"]);
    expect(dispute.evidence_details.enhanced_eligibility.visa_compelling_evidence_3).toEqual({
      status: "requires_action",
      required_actions: ["missing_customer_identifiers", "missing_disputed_transaction_description", "missing_merchandise_or_services", "missing_prior_undisputed_transaction_description", "missing_prior_undisputed_transactions"],
    });
    expect(dispute.evidence.enhanced_evidence.visa_compelling_evidence_3).toEqual({ disputed_transaction: null, prior_undisputed_transactions: [] });
    // A fraud dispute on an earlier charge of the same card is eligible as well.
    const pnr = await stripe.disputes.list({ charge: history.wasDisputed });
    expect(pnr.data[0]?.enhanced_eligibility_types).toEqual(["visa_compelling_evidence_3"]);
  });

  it("refuses what Stripe refuses, changing nothing", async () => {
    const refusals: [Record<string, unknown>, string | RegExp][] = [
      [{ prior_undisputed_transactions: [{ charge: history.first, ...tx() }] }, /exactly two/],
      [{ prior_undisputed_transactions: [tx(), { charge: history.second, ...tx() }] }, "Missing required param: evidence[enhanced_evidence][visa_compelling_evidence_3][prior_undisputed_transactions][0][charge]."],
      [{ prior_undisputed_transactions: [{ charge: history.first, ...tx(), merchandise_or_services: "services" }, { charge: history.second, ...tx() }] }, "Received unknown parameter: evidence[enhanced_evidence][visa_compelling_evidence_3][prior_undisputed_transactions][0][merchandise_or_services]"],
      [{ disputed_transaction: tx({ customer_device_id: "short" }) }, /at least 15 characters/],
      [{ disputed_transaction: tx({ customer_device_fingerprint: "x".repeat(19) }) }, /at least 20 characters/],
      [{ disputed_transaction: tx({ customer_purchase_ip: "not-an-ip" }) }, /IPv4 or IPv6/],
      [{ disputed_transaction: tx({ customer_account_id: "a".repeat(5001) }) }, /must be at most 5000 characters/],
      [{ disputed_transaction: tx({ merchandise_or_services: "goods" }) }, /merchandise or services/],
      [{ disputed_transaction: tx({ shipping_address: { line1: "1 Main St", city: "Springfield" } }) }, /postal_code/],
      [{ disputed_transaction: tx({ colour: "red" }) }, "Received unknown parameter: evidence[enhanced_evidence][visa_compelling_evidence_3][disputed_transaction][colour]"],
      [{ prior_undisputed_transactions: [{ charge: history.first, ...tx() }, { charge: history.otherCard, ...tx() }] }, /not made with the disputed charge's card/],
      [{ prior_undisputed_transactions: [{ charge: history.first, ...tx() }, { charge: history.wasDisputed, ...tx() }] }, /has been disputed/],
      [{ prior_undisputed_transactions: [{ charge: history.first, ...tx() }, { charge: history.tooRecent, ...tx() }] }, /made 119 days before/],
      [{ prior_undisputed_transactions: [{ charge: history.first, ...tx() }, { charge: history.first, ...tx() }] }, /twice/],
      [{ prior_undisputed_transactions: [{ charge: history.first, ...tx() }, { charge: "ch_missing", ...tx() }] }, "No such charge: 'ch_missing'"],
    ];
    const before = await stripe.disputes.retrieve(disputeId);
    for (const [evidence, message] of refusals) {
      const err = await stripeError(() => stripe.disputes.update(disputeId, ce3(evidence)));
      expect(err.type, JSON.stringify(evidence)).toMatch(/StripeInvalidRequestError/);
      if (typeof message === "string") expect(err.message).toBe(message);
      else expect(err.message).toMatch(message);
      expect(err.param).toMatch(/^evidence\[enhanced_evidence\]\[visa_compelling_evidence_3\]/);
    }
    expect(await stripe.disputes.retrieve(disputeId)).toEqual(before);
  });

  it("says what is still missing, qualifies complete evidence, and keeps it on submission", async () => {
    const partial = await stripe.disputes.update(disputeId, ce3({ disputed_transaction: tx({ customer_device_id: null }) }));
    expect(partial.evidence_details.enhanced_eligibility.visa_compelling_evidence_3).toEqual({
      status: "requires_action",
      required_actions: ["missing_customer_identifiers", "missing_merchandise_or_services", "missing_prior_undisputed_transactions"],
    });
    // Only the IP matches: one element is not enough.
    const priors = [{ charge: history.first, ...tx() }, { charge: history.second, ...tx() }];
    const oneSignal = await stripe.disputes.update(disputeId, ce3({ disputed_transaction: tx({ customer_device_id: "", merchandise_or_services: "services" }), prior_undisputed_transactions: priors }));
    expect(oneSignal.evidence_details.enhanced_eligibility.visa_compelling_evidence_3).toEqual({ status: "requires_action", required_actions: ["missing_customer_identifiers"] });
    const qualified = await stripe.disputes.update(disputeId, ce3({ disputed_transaction: tx({ merchandise_or_services: "services" }) }));
    expect(qualified.evidence_details.enhanced_eligibility.visa_compelling_evidence_3).toEqual({ status: "qualified", required_actions: [] });
    const submitted = await stripe.disputes.update(disputeId, { submit: true });
    expect(submitted.status).toBe("under_review");
    const evidence = submitted.evidence.enhanced_evidence.visa_compelling_evidence_3!;
    expect(evidence.prior_undisputed_transactions.map((p) => p.charge)).toEqual([history.first, history.second]);
    expect(evidence.disputed_transaction).toMatchObject({ customer_purchase_ip: ip, customer_device_id: device, merchandise_or_services: "services", customer_email_address: null, shipping_address: null });
  });

  it("refuses CE 3.0 evidence on a dispute that is not eligible", async () => {
    const [pnr] = (await stripe.disputes.list({ charge: history.wasDisputed })).data;
    const inquiry = await emu.control("POST", `/_emulator/charges/${history.tooRecent}/dispute`, { reason: "product_not_received" });
    const notEligible = await stripe.disputes.retrieve(inquiry.body.id);
    expect(notEligible.enhanced_eligibility_types).toEqual([]);
    const err = await stripeError(() => stripe.disputes.update(notEligible.id, ce3({ disputed_transaction: tx() })));
    expect(err.message).toBe("This dispute is not eligible for visa_compelling_evidence_3 evidence.");
    expect(pnr).toBeDefined();
  });
});
