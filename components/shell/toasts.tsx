"use client";

import { useSyncExternalStore } from "react";
import { Toaster } from "sonner";

const PHONE = "(max-width: 767px)";

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(PHONE);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

/**
 * Toasts sit at the bottom right of a wide screen; on a phone they span the width, and at the
 * bottom they would cover the button or link that follows a form's result, so they go to the top.
 */
export function Toasts({ theme }: { theme: "system" | "light" | "dark" }) {
  const phone = useSyncExternalStore(subscribe, () => window.matchMedia(PHONE).matches, () => false);
  return <Toaster position={phone ? "top-center" : "bottom-right"} closeButton theme={theme} />;
}
