// Control requests to the local Stripe emulator (faults, clock, webhook settings), for the test
// harnesses: form-encoded like the API, with the emulator's test key; a refusal throws with its answer.
export type EmulatorControl = (method: "POST" | "DELETE" | "GET", path: string, form?: Record<string, string>) => Promise<unknown>;

export async function controlEmulator(baseUrl: string, ...[method, path, form]: Parameters<EmulatorControl>): Promise<unknown> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { Authorization: "Bearer sk_test_emulator", "Content-Type": "application/x-www-form-urlencoded" },
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new Error(`emulator ${method} ${path} → ${response.status}: ${JSON.stringify(body)}`);
  return body;
}
