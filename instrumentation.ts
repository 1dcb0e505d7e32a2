// Validates the environment when the server starts, so a misconfigured deployment fails at once
// with every problem named instead of on the first request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { appConfig } = await import("./lib/env");
  appConfig();
}
