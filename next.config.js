// @ts-check
process.env.NEXT_TELEMETRY_DISABLED = "1";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm test` type-checks the whole repository (tests and emulator included) as its own step; the
  // build need not repeat it, nor fail on a test file that has nothing to do with what ships.
  typescript: { ignoreBuildErrors: true },
  // PGlite ships WASM and data files that must be loaded from node_modules at run time, not bundled.
  // forbidden() gives a page a staff member's role does not cover a real 403 (app/(dashboard)/forbidden.tsx).
  experimental: { authInterrupts: true },
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@prisma/adapter-pg"],
  // Pages and API answers get their headers from proxy.ts (they depend on the run mode); build output
  // bypasses the proxy, so it gets the ones that do not.
  async headers() {
    return [
      {
        source: "/_next/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
