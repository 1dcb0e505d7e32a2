import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { EvidenceForm } from "./evidence-form";

// The form as the server renders it, with a draft already over the limit (pasted text, or a draft
// saved before): the browser must hold every character, and the person must see why it is refused.
function render(initialText: Record<string, string>): string {
  const refuse = async () => ({ ok: false as const, error: "not called" });
  return renderToStaticMarkup(
    createElement(EvidenceForm, {
      disputeId: "du_test",
      reason: "general",
      readOnlyNote: null,
      submitted: false,
      initialText,
      initialFiles: {},
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
