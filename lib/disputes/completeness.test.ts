import { describe, expect, it } from "vitest";
import { evidenceCompleteness } from "./completeness";
import { evidenceChecklist } from "./evidence-fields";
import { EVIDENCE_WEIGHTS, GENERAL_WEIGHTS } from "./evidence-weights";

const none = { text: {}, files: {} };

describe("evidence weights", () => {
  it.each([...Object.entries(EVIDENCE_WEIGHTS), ["general", GENERAL_WEIGHTS] as const])("%s adds up to 100, names each field once, and says why", (_reason, weights) => {
    expect(weights.reduce((n, w) => n + w.weight, 0)).toBe(100);
    expect(new Set(weights.map((w) => w.field)).size).toBe(weights.length);
    for (const w of weights) expect(w.why.length).toBeGreaterThan(20);
  });

  it("is the checklist the form shows", () => {
    expect(evidenceChecklist("product_not_received")).toEqual(EVIDENCE_WEIGHTS.product_not_received!.map((w) => w.field));
    expect(evidenceChecklist("no_such_reason")).toEqual(GENERAL_WEIGHTS.map((w) => w.field));
  });
});

describe("evidence completeness", () => {
  it.each([
    // reason, text, files, score, missing (heaviest first)
    ["product_not_received", {}, {}, 0, ["shipping_tracking_number", "shipping_documentation", "shipping_address", "customer_communication", "shipping_carrier", "shipping_date"]],
    ["product_not_received", { shipping_tracking_number: "1Z999", shipping_carrier: "UPS" }, {}, 35, ["shipping_documentation", "shipping_address", "customer_communication", "shipping_date"]],
    ["product_not_received", { shipping_tracking_number: "1Z", shipping_carrier: "UPS", shipping_date: "2026-01-02", shipping_address: "1 Main St" }, { shipping_documentation: "file_1", customer_communication: "file_2" }, 100, []],
    ["fraudulent", { access_activity_log: "logged in 3 times" }, { receipt: "file_1" }, 35, ["billing_address", "customer_purchase_ip", "customer_communication", "customer_name", "customer_email_address"]],
    ["duplicate", { duplicate_charge_id: "ch_2" }, {}, 30, ["duplicate_charge_explanation", "duplicate_charge_documentation", "receipt"]],
    ["general", { uncategorized_text: "   " }, {}, 0, ["product_description", "receipt", "customer_communication", "uncategorized_text", "customer_name", "customer_email_address"]],
  ] as const)("%s with %j and files %j scores %i", (reason, text, files, score, missing) => {
    const result = evidenceCompleteness(reason, { text, files });
    expect(result.score).toBe(score);
    expect(result.missing.map((m) => m.field)).toEqual(missing);
  });

  it("scores 100 only when every field that counts is there", () => {
    const unrecognized = evidenceCompleteness("unrecognized", { text: { customer_name: "Jenny" }, files: {} });
    expect(unrecognized.score).toBe(15);
    const all = evidenceCompleteness("fraudulent", { text: { customer_name: "a", customer_email_address: "a", billing_address: "a", customer_purchase_ip: "a", access_activity_log: "a" }, files: { receipt: "f", customer_communication: "f" } });
    expect(all.score).toBe(100);
  });

  it("says why each missing field matters, in the field's own label", () => {
    const { missing } = evidenceCompleteness("product_not_received", none);
    expect(missing[0]).toMatchObject({ label: "Tracking number", weight: 25, provided: false });
    expect(missing[0]!.why).toMatch(/delivery scan/);
  });
});
