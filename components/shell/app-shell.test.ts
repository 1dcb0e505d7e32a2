// The shell's top bar: what it holds is mounted once for both screen sizes, so a bell that polls
// polls once, and there is one control of each name for assistive technology.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AppShell } from "./app-shell";

function render(headerActions?: string) {
  const props: Parameters<typeof AppShell>[0] = {
    brand: createElement("span", null, "Ledgerline"),
    navigation: createElement("nav", { "aria-label": "Sections" }),
    account: createElement("span", null, "Ada"),
    headerActions: headerActions ? createElement("a", { "data-testid": headerActions, href: "/alerts" }, "Alerts") : undefined,
    children: createElement("p", null, "page"),
  };
  return renderToStaticMarkup(createElement(AppShell, props));
}

describe("the app shell", () => {
  it("renders the header items once, in the bar that holds the menu button", () => {
    const html = render("alert-bell");
    expect(html.match(/data-testid="alert-bell"/g)).toHaveLength(1);
    const header = /<header[^>]*>([\s\S]*?)<\/header>/.exec(html);
    expect(header?.[1]).toContain('data-testid="alert-bell"');
    expect(header?.[1]).toContain("Menu");
    // Shown from md up as well: the bar is not hidden there while it holds something.
    expect(/<header[^>]*>/.exec(html)?.[0]).not.toMatch(/\bmd:hidden\b/);
  });

  it("keeps no empty row above the page on a wide screen when there is nothing to show", () => {
    const html = render();
    expect(html.match(/<header/g)).toHaveLength(1);
    expect(/<header[^>]*>/.exec(html)?.[0]).toMatch(/\bmd:hidden\b/);
  });
});
