// Validates the environment when the server starts (lib/env.ts: exitOnInvalidConfig).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { exitOnInvalidConfig } = await import("./lib/env");
    exitOnInvalidConfig();
  }
}
