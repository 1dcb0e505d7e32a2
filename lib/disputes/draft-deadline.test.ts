import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { UnsubmittedDraftNotice } from "@/components/disputes/unsubmitted-draft";
import { unsubmittedDraft } from "./draft-deadline";

const now = new Date("2026-12-07T12:00:00Z");
const inHours = (h: number) => new Date(now.getTime() + h * 3_600_000);
const draft = { status: "needs_response", hasEvidence: true, evidenceSubmissionCount: 0, dueBy: inHours(100) };

describe("unsubmitted draft before the deadline", () => {
  it.each([
    ["a saved draft, 100 hours left", draft, { urgent: false }],
    ["a saved draft, 71 hours left", { ...draft, dueBy: inHours(71) }, { urgent: true }],
    ["an inquiry's draft", { ...draft, status: "warning_needs_response" }, { atDeadline: expect.stringContaining("the inquiry closes") }],
    ["no draft", { ...draft, hasEvidence: false }, null],
    ["already submitted", { ...draft, evidenceSubmissionCount: 1, status: "under_review" }, null],
    ["deadline passed", { ...draft, dueBy: inHours(-1) }, null],
    ["no deadline (no response allowed)", { ...draft, dueBy: null }, null],
    ["closed", { ...draft, status: "lost" }, null],
  ])("%s", (_name, dispute, expected) => {
    const result = unsubmittedDraft(dispute, now);
    if (expected === null) expect(result).toBeNull();
    else expect(result).toMatchObject(expected);
  });

  it("tells staff the draft is not sent for them and a chargeback is lost at due_by, in their zone", () => {
    const found = unsubmittedDraft(draft, now)!;
    const html = renderToStaticMarkup(createElement(UnsubmittedDraftNotice, { draft: found, now, viewer: { locale: "en-GB", timeZone: "Asia/Tokyo" } }));
    expect(html).toContain("Evidence is saved as a draft but not submitted. Submit it by 12 Dec 2026, 01:00 GMT+9 (in 4 days).");
    expect(html).toContain("Stripe does not send a saved draft for you");
    expect(html).toContain("the dispute is lost");
  });
});
