import type { StaffRole } from "./roles";

declare module "next-auth" {
  interface User {
    id: string;
    roles: StaffRole[];
    sessionVersion: number;
  }
  interface Session {
    user?: { id: string; email: string; name: string; roles: StaffRole[] };
    /** When this session signed in (ms since epoch); sessions older than a disable are refused. */
    signedInAt?: number;
    /** The staff row's session version when this session signed in; a higher one ends it. */
    sessionVersion?: number;
    /** Names this session for step-up records; tokens older than it use `<staff id>:<signedInAt>`. */
    sessionId?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    /** Absent from tokens issued before Stripe's roles: such a session is treated as signed out. */
    roles?: StaffRole[];
    signedInAt?: number;
    /** Absent from tokens issued before session versions existed: read as 0. */
    sessionVersion?: number;
    /** A random id given at sign-in (lib/auth/step-up.ts). */
    sessionId?: string;
    /** When the roles and disabled flag were last read from the database (ms since epoch). */
    checkedAt?: number;
    /** Set once the account is disabled or removed, or its sessions ended; refused everywhere then. */
    revoked?: boolean;
  }
}
