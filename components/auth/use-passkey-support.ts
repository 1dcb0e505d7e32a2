"use client";

import { browserSupportsWebAuthn } from "@simplewebauthn/browser";
import { useSyncExternalStore } from "react";

const never = () => () => undefined;

/** Whether this browser can use passkeys; false while rendered on the server. */
export function usePasskeySupport(): boolean {
  return useSyncExternalStore(never, browserSupportsWebAuthn, () => false);
}
