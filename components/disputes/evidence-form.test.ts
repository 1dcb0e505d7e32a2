import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { EvidenceForm } from "./evidence-form";

// The form as the server renders it, with a draft already over the limit (pasted text, or a draft
// saved before): the browser must hold every character, and the person must see why it is refused.
function render(initialText: Record<string, string>, reason = "general", initialFiles: Record<string, { id: string; filename: string; size: number }> = {}): string {
  const refuse = async () => ({ ok: false as const, error: "not called" });
  return renderToStaticMarkup(
    createElement(EvidenceForm, {
      disputeId: "du_test",
      reason,
      readOnlyNote: null,
      submitted: false,
      initialText,
      initialFiles,
      uploadUrl: "/disputes/du_test/evidence-files",
      stage: refuse,
      submit: refuse,
      locale: "en-US",
    }),
  );
}

describe("evidence form text fields", () => {
  it("has no maxlength that would cut pasted text, and counts what will be sent", () => {
    const html = render({ uncategorized_text: "x".repeat(20_412), customer_name: "  Jenny Rosen  " });
    expect(html).not.toMatch(/maxlength/i);
    expect(html).toContain(`>${"x".repeat(20_412)}</textarea>`);
    expect(html).toContain("“Anything else” is 20,412 characters; the limit is 20,000.");
    expect(html).toMatch(/<textarea[^>]*aria-invalid="true"/);
    // Short values lose surrounding spaces when sent, so the count is of the trimmed name.
    expect(html).toContain("11 / 5,000 characters");
  });

  it("shows the live count and no error within the limit", () => {
    const html = render({ uncategorized_text: "y".repeat(20_000) });
    expect(html).toContain("20,000 / 20,000 characters");
    expect(html).not.toContain("the limit is");
    expect(html).not.toMatch(/aria-invalid="true"/);
  });
});

describe("evidence packet score", () => {
  it("scores what is there for the reason and lists what is missing, heaviest first, with why", () => {
    const html = render({ shipping_carrier: "UPS", shipping_tracking_number: "1Z999" }, "product_not_received", {
      shipping_documentation: { id: "file_1", filename: "pod.pdf", size: 1000 },
    });
    expect(html).toContain("Packet 60 / 100");
    const start = html.indexOf('data-testid="evidence-missing"');
    const missing = html.slice(start, html.indexOf("</ul>", start));
    expect(missing.indexOf("Shipping address")).toBeLessThan(missing.indexOf("Customer communication"));
    expect(missing.indexOf("Customer communication")).toBeLessThan(missing.indexOf("Shipping date"));
    expect(missing).toContain("Delivery to the address the customer gave shows it reached them.");
    expect(missing).not.toContain("Tracking number");
  });

  it("shows nothing missing when the packet is complete", () => {
    const html = render({ product_description: "a", customer_name: "b", customer_email_address: "c", uncategorized_text: "d" }, "general", {
      receipt: { id: "file_1", filename: "r.pdf", size: 10 },
      customer_communication: { id: "file_2", filename: "c.pdf", size: 10 },
    });
    expect(html).toContain("Packet 100 / 100");
    expect(html).not.toContain("evidence-missing");
  });
});
