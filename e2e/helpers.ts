import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type APIResponse, type Page } from "@playwright/test";

export const DEMO = {
  admin: { email: "admin@ledgerline.test", password: "demo-admin-password", name: "Ada Admin", label: "Admin" },
  agent: { email: "agent@ledgerline.test", password: "demo-agent-password", name: "Alex Agent", label: "Agent" },
  viewer: { email: "viewer@ledgerline.test", password: "demo-viewer-password", name: "Vic Viewer", label: "Viewer" },
} as const;

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInAs(page: Page, who: keyof typeof DEMO): Promise<void> {
  await signIn(page, DEMO[who].email, DEMO[who].password);
  await expect(page.getByTestId("staff-role")).toHaveText(DEMO[who].label);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

/**
 * The id Next.js gave a server action, from the build's manifest. The same id is in the public
 * JavaScript of any page that uses the action, so a caller who wants to bypass the UI has it too.
 */
export function serverActionId(file: string, exportedName: string): string {
  const manifest = JSON.parse(
    readFileSync(path.join(process.cwd(), ".next", "server", "server-reference-manifest.json"), "utf8"),
  ) as { node: Record<string, { filename: string; exportedName: string }> };
  const entry = Object.entries(manifest.node).find(([, a]) => a.filename === file && a.exportedName === exportedName);
  if (!entry) throw new Error(`server action ${exportedName} of ${file} is not in the build: rebuild with next build`);
  return entry[0];
}

/**
 * Calls a server action the way React does (POST with the Next-Action header and the arguments as
 * JSON), but directly, with whatever session cookies the page's context holds.
 */
export function callServerAction(page: Page, pathname: string, actionId: string, args: unknown[]): Promise<APIResponse> {
  const origin = new URL(page.url() === "about:blank" ? "/" : page.url()).origin;
  return page.request.post(pathname, {
    headers: {
      "Next-Action": actionId,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      Origin: origin,
    },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
}

export async function inviteStaff(page: Page, who: { email: string; name: string; role: string }): Promise<string> {
  await page.goto("/settings/staff");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Name").fill(who.name);
  await page.getByLabel("Role", { exact: true }).selectOption(who.role);
  await page.getByRole("button", { name: "Invite" }).click();
  const password = page.getByTestId("temporary-password");
  await expect(password).toBeVisible();
  return (await password.textContent())!.trim();
}

export function staffRow(page: Page, email: string) {
  return page.getByTestId(`staff-${email}`);
}

/** The staff member's id, as the admin's Staff page knows it. */
export async function staffIdOf(page: Page, email: string): Promise<string> {
  await page.goto("/settings/staff");
  const id = await staffRow(page, email).locator("select").getAttribute("id");
  return id!.replace(/^role-/, "");
}
