// Prisma CLI configuration. The app never reads this file: lib/db.ts builds its own client from
// DATABASE_URL, and migrations run through lib/migrations (Prisma's WASM schema engine), because
// the CLI's native engine cannot be downloaded offline. `prisma migrate deploy` still works with
// this file wherever the native engine is available.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
