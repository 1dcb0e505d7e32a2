import { isIP } from "node:net";
import { appConfig } from "@/lib/env";

/**
 * Who asks for the passkey: the site of NEXTAUTH_URL. A browser signs the origin it is on and the
 * authenticator the RP ID it was created for, so an assertion made for another site (a phishing
 * page, another deployment) never verifies here. Without NEXTAUTH_URL there is no origin to bind
 * to, and passkeys stay off.
 */
export interface RelyingParty {
  rpID: string;
  origin: string;
  rpName: string;
}

export function relyingParty(url = appConfig().auth.url, rpName = appConfig().merchantName): RelyingParty | null {
  if (!url) return null;
  const parsed = new URL(url);
  // Browsers accept only a domain as RP ID, never an IP address (WebAuthn's "valid domain"):
  // a passkey offered for http://127.0.0.1 would fail in every browser, so none is offered.
  if (isIP(parsed.hostname.replace(/^\[|\]$/g, ""))) return null;
  return { rpID: parsed.hostname, origin: parsed.origin, rpName };
}

export const PASSKEYS_OFF = "Passkeys need NEXTAUTH_URL set to this dashboard's address by name (browsers refuse an IP address such as 127.0.0.1; use localhost instead).";
