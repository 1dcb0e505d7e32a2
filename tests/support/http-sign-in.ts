// Signing in to a running app over HTTP with a password, as its sign-in form does through next-auth's
// credentials route, for the smoke test and the benchmarks that call pages without a browser.

/** The session cookie ("name=value") for the next requests; throws with the status when there is none. */
export async function signInOverHttp(appUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${appUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const response = await fetch(`${appUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = response.headers.getSetCookie().find((c) => c.includes("session-token"));
  if (!session) throw new Error(`signing in as ${email} gave no session (status ${response.status})`);
  return session.split(";")[0]!;
}
