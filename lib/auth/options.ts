import { randomUUID } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import type { JWT } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/lib/db";
import { appConfig } from "@/lib/env";
import { clientAddress } from "@/lib/security/client-address";
import { safeRedirectUrl } from "./callback-url";
import { SIGN_IN_ERROR, throttledCode } from "./messages";
import { prepareDummyHash } from "./password";
import { signedInStaff, signInStaff, type SignedInStaff } from "./sign-in";
import { completeChallenge } from "./two-factor/challenge";

/** How long a token may carry a role before it is read again from the database. */
export const ROLE_REFRESH_MS = 60_000;
const SESSION_MAX_AGE_S = 12 * 60 * 60;

// Loaded once per server process, before the first sign-in is checked.
void prepareDummyHash();

const credentialsSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

const secondFactorSchema = z.union([
  z.object({
    challenge: z.string().min(1).max(100),
    // A 6-digit code or a recovery code (16 characters, with dashes or spaces as typed).
    code: z.string().trim().min(1).max(40),
  }),
  z.object({
    challenge: z.string().min(1).max(100),
    // A passkey's assertion as the browser library serialised it (lib/auth/passkeys/).
    passkey: z.string().min(1).max(16_384).transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "not JSON" });
        return z.NEVER;
      }
    }),
  }),
]);

export function authOptions(): NextAuthOptions {
  return {
    secret: appConfig().auth.secret,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        // next-auth 4 hands authorize the request's headers (from next/headers), which carry the
        // server's stamp of the socket address (lib/security/client-address.ts).
        authorize: (credentials, request) =>
          authorizeStaff(credentials, new Date(), acceptLanguage(request?.headers), clientAddress(request?.headers, appConfig().trustedProxyHops)),
      }),
      // The second step for people with a second factor: the challenge the password step handed
      // out, with a code. The password alone never reaches jwt() below for them.
      CredentialsProvider({
        id: "second-factor",
        name: "Second factor",
        credentials: {
          challenge: { label: "Challenge", type: "text" },
          code: { label: "Code", type: "text" },
          passkey: { label: "Passkey", type: "text" },
        },
        authorize: (credentials, request) =>
          authorizeSecondFactor(credentials, new Date(), clientAddress(request?.headers, appConfig().trustedProxyHops)),
      }),
    ],
    callbacks: {
      redirect: safeRedirectUrl,
      async jwt({ token, user }) {
        if (user) {
          return {
            ...token, sub: user.id, name: user.name, email: user.email, roles: user.roles,
            sessionVersion: user.sessionVersion, signedInAt: Date.now(), checkedAt: Date.now(),
            // Names this session for step-up records (lib/auth/step-up.ts).
            sessionId: randomUUID(),
          };
        }
        return refreshToken(token);
      },
      session({ session, token }) {
        if (token.revoked || !token.sub || !token.roles) return { expires: session.expires };
        return {
          expires: session.expires,
          signedInAt: token.signedInAt ?? 0,
          sessionVersion: token.sessionVersion ?? 0,
          sessionId: token.sessionId ?? `${token.sub}:${token.signedInAt ?? 0}`,
          user: { id: token.sub, email: token.email ?? "", name: token.name ?? "", roles: token.roles },
        };
      },
    },
  };
}

/**
 * The credentials provider's answer: the staff member, or null / a thrown error code for the
 * sign-in page. The same code for every throttled email, staff or not.
 */
export async function authorizeStaff(
  credentials: unknown, now = new Date(), browserLanguages?: string, address: string | null = null,
): Promise<SignedInStaff | null> {
  const parsed = credentialsSchema.safeParse(credentials);
  if (!parsed.success) return null;
  const result = await signInStaff(parsed.data.email, parsed.data.password, now, browserLanguages, address);
  const user = sessionUserOr(result);
  if (user) return user;
  if (!result.ok && result.reason === "second_factor_required") throw new Error(`${SIGN_IN_ERROR.secondFactorPrefix}${result.challenge}`);
  return null;
}

/** The second step: a session only for a live challenge and a right, unused code. */
export async function authorizeSecondFactor(credentials: unknown, now = new Date(), address: string | null = null): Promise<SignedInStaff> {
  const parsed = secondFactorSchema.safeParse(credentials);
  if (!parsed.success) throw new Error(SIGN_IN_ERROR.wrongCode);
  const answer = "code" in parsed.data ? { code: parsed.data.code } : { passkey: parsed.data.passkey };
  const result = await completeChallenge(parsed.data.challenge, answer, now, address);
  const user = sessionUserOr(result);
  if (user) return user;
  if (!result.ok && result.reason === "expired") throw new Error(SIGN_IN_ERROR.challengeExpired);
  throw new Error("passkey" in answer ? SIGN_IN_ERROR.passkeyRefused : SIGN_IN_ERROR.wrongCode);
}

/**
 * Both steps end the same way: the person a session is built from, or the refusal next-auth hands
 * the sign-in page for a disabled or throttled account (a thrown message becomes its error code);
 * null leaves the step's own refusals to the step.
 */
function sessionUserOr(result: { ok: true; staff: SignedInStaff } | { ok: false; reason: string; retryAt?: Date }): SignedInStaff | null {
  if (result.ok) return signedInStaff(result.staff);
  if (result.reason === "disabled") throw new Error(SIGN_IN_ERROR.disabled);
  if (result.reason === "throttled" && result.retryAt) throw new Error(throttledCode(result.retryAt));
  return null;
}

function acceptLanguage(headers: Record<string, unknown> | undefined): string | undefined {
  const value = headers?.["accept-language"];
  return typeof value === "string" ? value : undefined;
}

/**
 * Disabled staff and ended sessions are turned away within a minute even where only the token is
 * read (the proxy); requirePermission compares the session version on every call.
 */
export async function refreshToken(token: JWT, now = Date.now()): Promise<JWT> {
  if (token.revoked || !token.sub) return token;
  if (token.checkedAt && now - token.checkedAt < ROLE_REFRESH_MS) return token;
  const staff = await db().staffUser.findUnique({
    where: { id: token.sub },
    select: { roles: true, name: true, disabledAt: true, sessionVersion: true },
  });
  if (!staff || staff.disabledAt || staff.sessionVersion !== (token.sessionVersion ?? 0)) {
    return { ...token, revoked: true, checkedAt: now };
  }
  return { ...token, roles: staff.roles, name: staff.name, checkedAt: now };
}
