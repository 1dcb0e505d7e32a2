import http from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import vm from "node:vm";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { Elements, PaymentElement } from "@stripe/react-stripe-js";
import { loadStripe } from "@stripe/stripe-js/pure";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { handleStripeJsRequest } from "./handler";
import { stripeJsScript } from "./browser-script";

// Runs the served script in a bare window the way a page would, with document.currentScript set.
function runStandIn(scriptSrc: string): { Stripe: ((key: string, opts?: object) => Record<string, unknown>) & { version?: unknown } } {
  const window: Record<string, unknown> = {};
  const context = vm.createContext({ window, document: { currentScript: { src: scriptSrc }, addEventListener() {} }, URL, URLSearchParams, fetch, setTimeout, Promise, Object, Error });
  vm.runInContext(stripeJsScript("http://fallback.invalid:1"), context);
  return window as never;
}

type Recorded = { method: string; url: string; authorization: string | undefined };

let server: http.Server;
let baseUrl: string;
const recorded: Recorded[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = req.url ?? "/";
    if (path.startsWith("/js/") || path.startsWith("/stripejs/")) {
      void handleStripeJsRequest(req, res, { baseUrl });
      return;
    }
    // Stands in for the API only to record what the script sends; the browser tests use the emulator.
    recorded.push({ method: req.method ?? "", url: path, authorization: req.headers.authorization });
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ id: "seti_123", object: "setup_intent", status: "requires_payment_method" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("the served files", () => {
  it("serves the script at /js/v3 and /js/v3/ as JavaScript any origin may load", async () => {
    for (const path of ["/js/v3", "/js/v3/"]) {
      const response = await fetch(`${baseUrl}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^application\/javascript/);
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      const body = await response.text();
      expect(body).toContain("window.Stripe = function Stripe");
      expect(() => new vm.Script(body)).not.toThrow();
    }
  });

  it("serves the 3-D Secure test page with both outcomes", async () => {
    const response = await fetch(`${baseUrl}/stripejs/3ds?intent=seti_1&client_secret=seti_1_secret_x`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain("Complete authentication");
    expect(html).toContain("Fail authentication");
    expect(html).toContain("/_emulator/three_d_secure/");
  });

  it("answers unknown paths with a Stripe-shaped 404", async () => {
    const response = await fetch(`${baseUrl}/js/v2`);
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe("invalid_request_error");
    expect(body.error.message).toBe("Unrecognized request URL (GET: /js/v2).");
  });
});

describe("window.Stripe as @stripe/stripe-js and react-stripe-js see it", () => {
  it("reports the release train @stripe/stripe-js 10 expects", () => {
    const { Stripe } = runStandIn(`${baseUrl}/js/v3`);
    expect(typeof Stripe).toBe("function");
    expect(Stripe.version).toBe("endive");
  });

  it("has every method react-stripe-js checks and Elements renders with it", () => {
    const { Stripe } = runStandIn(`${baseUrl}/js/v3`);
    const stripe = Stripe("pk_test_123");
    for (const name of ["elements", "createToken", "createPaymentMethod", "confirmCardPayment", "confirmSetup", "confirmPayment", "handleNextAction", "retrieveSetupIntent", "retrievePaymentIntent", "_registerWrapper", "registerAppInfo"]) {
      expect(typeof stripe[name], name).toBe("function");
    }
    const tree = createElement(Elements, { stripe: stripe as never, options: { clientSecret: "seti_1_secret_x" } }, createElement(PaymentElement));
    expect(() => renderToString(tree)).not.toThrow();
    // The same render fails on an object missing those methods, so the check above has teeth.
    const bogus = createElement(Elements, { stripe: { elements: () => ({}) } as never }, null);
    expect(() => renderToString(bogus)).toThrow(/Invalid prop `stripe`/);
  });

  it("is picked up by loadStripe without a warning and records the wrapper", async () => {
    const { Stripe } = runStandIn(`${baseUrl}/js/v3`);
    const globals = globalThis as Record<string, unknown>;
    globals.window = { Stripe };
    globals.document = {};
    const warn = vi.spyOn(console, "warn");
    try {
      const stripe = (await loadStripe("pk_test_123")) as unknown as { _registered(): { wrappers: Array<{ name: string }> } };
      expect(warn).not.toHaveBeenCalled();
      expect(stripe._registered().wrappers.map((w) => w.name)).toContain("stripe-js");
    } finally {
      warn.mockRestore();
      delete globals.window;
      delete globals.document;
    }
  });

  it("refuses a secret key", () => {
    const { Stripe } = runStandIn(`${baseUrl}/js/v3`);
    expect(() => Stripe("sk_test_123")).toThrow(/secret key/);
  });

  it("calls the API on its own script's origin with the publishable key", async () => {
    const { Stripe } = runStandIn(`${baseUrl}/js/v3`);
    const stripe = Stripe("pk_test_abc") as { retrieveSetupIntent(cs: string): Promise<{ setupIntent?: { id: string } }> };
    recorded.length = 0;
    const result = await stripe.retrieveSetupIntent("seti_123_secret_xyz");
    expect(result.setupIntent?.id).toBe("seti_123");
    expect(recorded).toEqual([{ method: "GET", url: "/v1/setup_intents/seti_123?client_secret=seti_123_secret_xyz", authorization: "Bearer pk_test_abc" }]);
  });

  it("resolves a malformed client secret as an error without calling the API", async () => {
    const { Stripe } = runStandIn(`${baseUrl}/js/v3`);
    const stripe = Stripe("pk_test_abc") as { retrieveSetupIntent(cs: string): Promise<{ error?: { type: string } }> };
    recorded.length = 0;
    const result = await stripe.retrieveSetupIntent("not-a-secret");
    expect(result.error?.type).toBe("invalid_request_error");
    expect(recorded).toEqual([]);
  });
});

type CardRules = {
  formatCardNumber(v: string): string;
  formatExpiry(v: string, deleting?: boolean): string;
  checkCardNumber(v: string, final: boolean): { code: string; message: string } | null;
  checkExpiry(v: string, final: boolean, now?: Date): { code: string; message: string } | null;
  checkCvc(v: string, number: string, final: boolean): { code: string; message: string } | null;
  checkPostalCode(v: string, country: string, final: boolean): { code: string; message: string } | null;
};

describe("card field rules", () => {
  const source = readFileSync(new URL("./browser/card-validation.js", import.meta.url), "utf8");
  const rules = vm.runInNewContext(`${source}\n({ formatCardNumber, formatExpiry, checkCardNumber, checkExpiry, checkCvc, checkPostalCode })`) as CardRules;
  const now = new Date(2026, 10, 27);

  it("accepts Stripe's test numbers with or without spaces", () => {
    for (const number of ["4242424242424242", "4242 4242 4242 4242", "4000002760003184", "5555555555554444", "378282246310005", "4000000000000002"]) {
      expect(rules.checkCardNumber(number, true), number).toBeNull();
    }
  });

  it("formats as printed on the card", () => {
    expect(rules.formatCardNumber("4242424242424242")).toBe("4242 4242 4242 4242");
    expect(rules.formatCardNumber("378282246310005")).toBe("3782 822463 10005");
    expect(rules.formatCardNumber("42424242424242429999")).toBe("4242 4242 4242 4242");
    expect(rules.formatExpiry("1234")).toBe("12 / 34");
    expect(rules.formatExpiry("4")).toBe("04 / ");
  });

  it("gives Stripe's messages for bad numbers", () => {
    expect(rules.checkCardNumber("4242 4242", true)).toMatchObject({ code: "incomplete_number", message: "Your card number is incomplete." });
    expect(rules.checkCardNumber("", true)?.code).toBe("incomplete_number");
    expect(rules.checkCardNumber("4242 4242", false)).toBeNull();
    expect(rules.checkCardNumber("4242424242424241", false)).toMatchObject({ code: "invalid_number", message: "Your card number is invalid." });
  });

  it("gives Stripe's messages for bad expiry dates, CVCs and ZIPs", () => {
    expect(rules.checkExpiry("12 / 3", true, now)).toMatchObject({ message: "Your card's expiration date is incomplete." });
    expect(rules.checkExpiry("13 / 30", false, now)?.code).toBe("invalid_expiry_month");
    expect(rules.checkExpiry("01 / 20", false, now)).toMatchObject({ message: "Your card's expiration year is in the past." });
    expect(rules.checkExpiry("10 / 26", false, now)).toMatchObject({ message: "Your card's expiration date is in the past." });
    expect(rules.checkExpiry("11 / 26", true, now)).toBeNull();
    expect(rules.checkCvc("12", "4242424242424242", true)).toMatchObject({ message: "Your card's security code is incomplete." });
    expect(rules.checkCvc("123", "378282246310005", true)?.code).toBe("incomplete_cvc");
    expect(rules.checkCvc("1234", "378282246310005", true)).toBeNull();
    expect(rules.checkPostalCode("123", "US", true)).toMatchObject({ message: "Your ZIP is incomplete." });
    expect(rules.checkPostalCode("", "GB", true)).toMatchObject({ message: "Your postal code is incomplete." });
    expect(rules.checkPostalCode("94103", "US", true)).toBeNull();
  });
});
