import type { Browser, FrameLocator, Page } from "@playwright/test";
import Stripe from "stripe";
import { generateKeys } from "../../core/keys";
import { startEmulator } from "../../server";
import { launchChromium, startMerchantSite, type PageServer } from "./browser";

// One emulator, one merchant site and one Chromium for a test file; the outcome of what the
// customer does in the page is checked through the official SDK (`stripe`).
const KEYS = generateKeys("test");
export const PUBLISHABLE_KEY = KEYS.publishable;

export type PageResult = {
  setupIntent?: { id: string; status: string; payment_method: string | null };
  paymentIntent?: { id: string; status: string; payment_method: string | null };
  paymentMethod?: { id: string; type: string; card: { last4: string } };
  error?: {
    type: string;
    code?: string;
    decline_code?: string;
    message?: string;
    setup_intent?: { id: string; status: string };
    payment_intent?: { id: string; status: string };
  };
  thrown?: string;
};

export type StandInHarness = {
  stripe: Stripe;
  site: PageServer;
  browser: Browser;
  close(): Promise<void>;
};

export async function startStandInHarness(opts: { withReact?: boolean } = {}): Promise<StandInHarness> {
  // The emulator answers browsers from the merchant site's origin only, so the site starts first;
  // it reads where Stripe.js comes from on each page request, once the emulator is up.
  const siteOptions: { scriptOrigin?: string; withReact?: boolean } = { withReact: opts.withReact };
  const site = await startMerchantSite(siteOptions);
  const emulator = await startEmulator({ port: 0, dataDir: null, keys: KEYS, appOrigins: [site.url] });
  siteOptions.scriptOrigin = emulator.url;
  const stripe = new Stripe(KEYS.secret, { host: "127.0.0.1", port: emulator.port, protocol: "http", maxNetworkRetries: 0 });
  const browser = await launchChromium();
  return {
    stripe,
    site,
    browser,
    async close() {
      await browser.close();
      await site.close();
      await emulator.close();
    },
  };
}

/** The plain checkout page (see startMerchantSite) with the Payment Element mounted and ready. */
export async function openCheckout(h: StandInHarness, query: Record<string, string>): Promise<Page> {
  const page = await h.browser.newPage();
  await page.goto(`${h.site.url}/checkout?${new URLSearchParams({ pk: PUBLISHABLE_KEY, ...query }).toString()}`);
  await page.waitForFunction(() =>
    (window as unknown as { events: Array<{ type: string }> }).events.some((e) => e.type === "ready" || e.type === "loaderror"),
  );
  return page;
}

export async function fillCard(page: Page, number: string): Promise<void> {
  await page.getByLabel("Card number").fill(number);
  await page.getByLabel("Expiration date (MM / YY)").fill("12 / 34");
  await page.getByLabel("Security code").fill("123");
  await page.getByLabel("ZIP").fill("94103");
}

export async function payWith(page: Page, number: string): Promise<void> {
  await fillCard(page, number);
  await page.getByRole("button", { name: "Save card" }).click();
}

/** What the page's confirm call resolved with (window.result). */
export async function resultOf(page: Page): Promise<PageResult> {
  const handle = await page.waitForFunction(() => (window as unknown as { result?: unknown }).result);
  return (await handle.jsonValue()) as PageResult;
}

/** Runs `stripe.<method>(...args)` in the page without awaiting it; read it with resultOf. */
export async function callInPage(page: Page, method: string, args: unknown[]): Promise<void> {
  await page.evaluate(
    ({ method, args }) => {
      const w = window as unknown as { stripe: Record<string, (...a: unknown[]) => Promise<unknown>>; elements: unknown; result?: unknown };
      // "$elements" (as an argument or a property of one) stands for the page's Elements group.
      const swap = (value: unknown): unknown => (value === "$elements" ? w.elements : value);
      const resolved = args.map((arg) =>
        arg && typeof arg === "object" ? Object.fromEntries(Object.entries(arg).map(([k, v]) => [k, swap(v)])) : swap(arg),
      );
      void w.stripe[method]!(...resolved).then(
        (r) => (w.result = r),
        (e: Error) => (w.result = { thrown: e.message }),
      );
    },
    { method, args },
  );
}

export function challenge(page: Page): FrameLocator {
  return page.frameLocator('iframe[name="stripe-challenge-frame"]');
}
