import type { StaffRole } from "./roles";

declare module "next-auth" {
  interface User {
    id: string;
    role: StaffRole;
  }
  interface Session {
    user?: { id: string; email: string; name: string; role: StaffRole };
    /** When this session signed in (ms since epoch); sessions older than a disable are refused. */
    signedInAt?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: StaffRole;
    signedInAt?: number;
    /** When the role and disabled flag were last read from the database (ms since epoch). */
    checkedAt?: number;
    /** Set once the account is disabled or removed; the token is then refused everywhere. */
    revoked?: boolean;
  }
}
