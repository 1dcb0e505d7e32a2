import type { StaffRole } from "./roles";

declare module "next-auth" {
  interface User {
    id: string;
    role: StaffRole;
  }
  interface Session {
    user?: { id: string; email: string; name: string; role: StaffRole };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: StaffRole;
    /** When the role and disabled flag were last read from the database (ms since epoch). */
    checkedAt?: number;
    /** Set once the account is disabled or removed; the token is then refused everywhere. */
    revoked?: boolean;
  }
}
