"use client";

import type { Stripe } from "@stripe/stripe-js";
import { loadStripe } from "@stripe/stripe-js/pure";

/**
 * Stripe.js for the customer pages. In emulator mode the emulator's stand-in is loaded first from
 * the emulator itself; loadStripe then finds window.Stripe and makes no request to js.stripe.com.
 * The pure entry is used so nothing is injected at import time, before the stand-in is in place.
 */
let loading: Promise<Stripe | null> | null = null;

function addScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const existing = document.querySelector<HTMLScriptElement>(`script[src="${src}"]`);
    if (existing && (window as { Stripe?: unknown }).Stripe) return resolve();
    const script = existing ?? document.createElement("script");
    script.src = src;
    script.addEventListener("load", () => resolve(), { once: true });
    script.addEventListener("error", () => reject(new Error("The card form could not be loaded.")), { once: true });
    if (!existing) document.head.appendChild(script);
  });
}

export function loadCustomerStripe(publishableKey: string, standInScript: string | null): Promise<Stripe | null> {
  loading ??= (async () => {
    if (standInScript && !(window as { Stripe?: unknown }).Stripe) await addScript(standInScript);
    return loadStripe(publishableKey);
  })();
  return loading;
}
