import { describe, expect, it } from "vitest";
import { safeCallbackPath, safeRedirectUrl } from "./callback-url";

// What a browser does with the path the sign-in form navigates to: resolve it against our origin.
const ORIGIN = "https://dashboard.example.com";
const landsOn = (path: string) => new URL(path, ORIGIN);

describe("safeCallbackPath", () => {
  const refused: [string, unknown][] = [
    ["protocol-relative", "//evil.example"],
    ["protocol-relative with a path", "//evil.example/payments"],
    ["backslash after the slash", "/\\evil.example"],
    ["two backslashes", "\\\\evil.example"],
    ["backslash later, read as a slash by browsers", "/x/..\\..\\\\evil.example"],
    ["tab between the slashes, percent-encoded", "/%09/evil.example"],
    ["tab between the slashes, as a character", "/\t/evil.example"],
    ["newline between the slashes", "/\n/evil.example"],
    ["carriage return between the slashes", "/%0D/evil.example"],
    ["a NUL byte", "/payments%00"],
    ["DEL", "/payments\u007f"],
    ["encoded slashes", "/%2F%2Fevil.example"],
    ["one encoded slash after the first", "/%2Fevil.example"],
    ["encoded backslash", "/%5Cevil.example"],
    ["doubly encoded slashes", "/%252F%252Fevil.example"],
    ["doubly encoded tab", "/%2509/evil.example"],
    ["malformed percent-encoding", "/%E0%A4%A"],
    ["absolute URL elsewhere", "https://evil.example/"],
    ["absolute URL on our own origin", `${ORIGIN}/payments`],
    ["scheme-less host", "evil.example"],
    ["javascript: URL", "javascript:alert(1)"],
    ["javascript: URL after a slash", "/javascript:alert(1)//%0a"],
    ["data: URL", "data:text/html,<script>alert(1)</script>"],
    ["leading space", " /payments"],
    ["empty", ""],
    ["a number", 42],
    ["an array (repeated parameter)", ["/payments", "//evil.example"]],
    ["undefined", undefined],
    ["very long", `/${"a".repeat(5000)}`],
    ["Unicode line separator", "/\u2028/evil.example"],
    ["fullwidth solidus", "/\uff0f/evil.example"],
  ];
  for (const [name, input] of refused) {
    it(`sends ${name} home`, () => {
      expect(safeCallbackPath(input)).toBe("/");
    });
  }

  const kept: [string, string][] = [
    ["the overview", "/"],
    ["a page", "/payments"],
    ["a page with filters", "/payments?status=succeeded&currency=usd"],
    ["a filter holding an encoded slash", "/payments?q=a%2Fb"],
    ["a detail page with a fragment", "/payments/pi_123#refunds"],
    ["a search for an email", "/customers?q=sam%40shop.test"],
  ];
  for (const [name, input] of kept) {
    it(`keeps ${name}`, () => {
      expect(safeCallbackPath(input)).toBe(input);
    });
  }

  it("never returns a path a browser would take off our origin", () => {
    for (const [, input] of refused) expect(landsOn(safeCallbackPath(input)).origin).toBe(ORIGIN);
    for (const [, input] of kept) expect(landsOn(safeCallbackPath(input)).origin).toBe(ORIGIN);
  });
});

describe("safeRedirectUrl (next-auth's redirect callback)", () => {
  it("keeps same-origin paths and URLs, and sends everything else to the base URL", () => {
    expect(safeRedirectUrl({ url: "/payments?x=1", baseUrl: ORIGIN })).toBe(`${ORIGIN}/payments?x=1`);
    expect(safeRedirectUrl({ url: `${ORIGIN}/disputes`, baseUrl: ORIGIN })).toBe(`${ORIGIN}/disputes`);
    expect(safeRedirectUrl({ url: "/%09/evil.example", baseUrl: ORIGIN })).toBe(`${ORIGIN}/`);
    expect(safeRedirectUrl({ url: "https://evil.example/", baseUrl: ORIGIN })).toBe(`${ORIGIN}/`);
    expect(safeRedirectUrl({ url: `${ORIGIN}.evil.example/`, baseUrl: ORIGIN })).toBe(`${ORIGIN}/`);
    expect(safeRedirectUrl({ url: `${ORIGIN}//evil.example`, baseUrl: ORIGIN })).toBe(`${ORIGIN}/`);
    expect(safeRedirectUrl({ url: "javascript:alert(1)", baseUrl: ORIGIN })).toBe(`${ORIGIN}/`);
  });

  it("keeps a base URL with a path prefix", () => {
    expect(safeRedirectUrl({ url: "/payments", baseUrl: `${ORIGIN}/back-office` })).toBe(`${ORIGIN}/back-office/payments`);
  });
});
