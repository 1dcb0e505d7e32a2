import { expect, test } from "@playwright/test";
import {
  callServerAction,
  AGENT_ROLES,
  DEMO,
  inviteStaff,
  serverActionId,
  signIn,
  signInAs,
  signOut,
  staffIdOf,
  staffRow,
} from "./helpers";

const STAFF_ACTIONS = "app/(dashboard)/settings/staff/actions.ts";
const CUSTOMER_ACTIONS = "app/(dashboard)/customers/actions.ts";
const SECTIONS = ["Overview", "Payments", "Refunds", "Payouts", "Disputes", "Customers", "Events", "Settings"];

test("a signed-out visitor is sent to sign in", async ({ page }) => {
  await page.goto("/payments");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fpayments/);
  await expect(page.getByRole("heading", { name: "Sign in to the back office" })).toBeVisible();
});

for (const role of ["admin", "agent", "viewer", "developer", "analyst"] as const) {
  test(`the demo ${role} signs in and sees the shell with their roles`, async ({ page }) => {
    await signInAs(page, role);
    await expect(page.getByTestId("staff-name")).toHaveText(DEMO[role].name);
    const nav = page.getByRole("navigation", { name: "Sections" });
    for (const section of SECTIONS) await expect(nav.getByRole("link", { name: section })).toBeVisible();
    await expect(page.getByTestId("stripe-mode").first()).toContainText("Emulator");

    await nav.getByRole("link", { name: "Payments" }).click();
    await expect(page.getByRole("heading", { name: "Payments", exact: true })).toBeVisible();
    await expect(page.getByText("No payments yet")).toBeVisible();

    await page.goto("/settings/staff");
    if (role === "admin") await expect(page.getByRole("heading", { name: "Staff", exact: true })).toBeVisible();
    else await expect(page.getByRole("alert").filter({ hasText: "You don’t have access to this page" })).toBeVisible();
  });
}

test("sign-in after a redirect returns to the page asked for", async ({ page }) => {
  await page.goto("/disputes");
  await page.getByLabel("Email").fill(DEMO.agent.email);
  await page.getByLabel("Password").fill(DEMO.agent.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/disputes$/);
  await expect(page.getByRole("heading", { name: "Disputes", exact: true })).toBeVisible();
});

test("a wrong password and an unknown email get the same refusal", async ({ page }) => {
  await signIn(page, DEMO.agent.email, "not-the-password");
  await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong email or password.");
  await signIn(page, "nobody@ledgerline.test", "not-the-password");
  await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong email or password.");
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("sign-out ends the session", async ({ page }) => {
  await signInAs(page, "viewer");
  await signOut(page);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("an admin invites and disables staff; a disabled account is refused and loses its session", async ({ browser }) => {
  const admin = await browser.newPage();
  const dora = await browser.newPage();
  await signInAs(admin, "admin");
  const temporary = await inviteStaff(admin, { email: "dora@ledgerline.test", name: "Dora Agent", roles: AGENT_ROLES });

  // The one-time password is good for one thing: choosing her own.
  await signIn(dora, "dora@ledgerline.test", temporary);
  await expect(dora.getByRole("heading", { name: "Choose your own password" })).toBeVisible();
  await dora.goto("/payments");
  await expect(dora).toHaveURL(/\/change-password$/);
  const password = "dora's own password";
  await dora.getByLabel("Current password").fill(temporary);
  await dora.getByLabel("New password (at least 12 characters)").fill(password);
  await dora.getByLabel("New password again").fill(password);
  await dora.getByRole("button", { name: "Save password" }).click();
  await expect(dora.getByTestId("staff-role")).toHaveText("Support specialist, Refund analyst and Dispute analyst");

  await admin.goto("/settings/staff");
  await staffRow(admin, "dora@ledgerline.test").getByRole("button", { name: /^Disable Dora/ }).click();
  await staffRow(admin, "dora@ledgerline.test").getByRole("button", { name: "Confirm disable" }).click();
  await expect(staffRow(admin, "dora@ledgerline.test").getByRole("status")).toHaveText("Dora Agent is disabled.");

  // Her open session stops working on the next request, not after it expires.
  await dora.goto("/payments");
  await expect(dora).toHaveURL(/\/sign-in/);
  await signIn(dora, "dora@ledgerline.test", password);
  await expect(dora.getByTestId("sign-in-error")).toHaveText(
    "This account has been disabled. Ask an admin of your team to re-enable it.",
  );

  await admin.reload();
  await staffRow(admin, "dora@ledgerline.test").getByRole("button", { name: /^Re-enable Dora/ }).click();
  await expect(staffRow(admin, "dora@ledgerline.test").getByRole("status")).toHaveText("Dora Agent is active again.");
  // The session from before the disable stays dead; she signs in afresh.
  await dora.goto("/payments");
  await expect(dora).toHaveURL(/\/sign-in/);
  await signIn(dora, "dora@ledgerline.test", password);
  await expect(dora.getByTestId("staff-role")).toHaveText("Support specialist, Refund analyst and Dispute analyst");

  // Several roles at once: disputes go, exports come; her session ends and the next one has them.
  await admin.reload();
  const row = staffRow(admin, "dora@ledgerline.test");
  await row.getByRole("checkbox", { name: "Dispute analyst for Dora Agent (dora@ledgerline.test)", exact: true }).uncheck();
  await row.getByRole("checkbox", { name: "Analyst for Dora Agent (dora@ledgerline.test)", exact: true }).check();
  await row.getByRole("button", { name: "Save roles of Dora Agent (dora@ledgerline.test)" }).click();
  await expect(row.getByRole("status")).toHaveText("Dora Agent is now Analyst, Support specialist and Refund analyst; their sessions have ended.");
  await expect(row.getByTestId("staff-roles")).toHaveText("Analyst, Support specialist and Refund analyst");
  await dora.goto("/payments");
  await expect(dora).toHaveURL(/\/sign-in/);
  await signIn(dora, "dora@ledgerline.test", password);
  await expect(dora.getByTestId("staff-role")).toHaveText("Analyst, Support specialist and Refund analyst");
  await dora.goto("/payments");
  await expect(dora.getByRole("link", { name: "Export CSV" })).toBeVisible();
});

test("repeated wrong passwords lock the account for a while, whatever is typed next", async ({ page, browser }) => {
  const admin = await browser.newPage();
  await signInAs(admin, "admin");
  const password = await inviteStaff(admin, { email: "tess@ledgerline.test", name: "Tess Viewer", roles: ["view_only"] });

  for (let attempt = 1; attempt <= 4; attempt++) {
    await signIn(page, "tess@ledgerline.test", `wrong-${attempt}`);
    await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong email or password.");
  }
  await signIn(page, "tess@ledgerline.test", "wrong-5");
  await expect(page.getByTestId("sign-in-error")).toHaveText("Too many failed sign-ins. Wait 15 minutes, then try again.");
  await signIn(page, "tess@ledgerline.test", password);
  await expect(page.getByTestId("sign-in-error")).toContainText("Too many failed sign-ins.");

  await admin.goto("/settings/staff");
  await expect(staffRow(admin, "tess@ledgerline.test")).toContainText("Locked to new addresses");
});

test.describe("server actions refuse callers without the permission, even when called directly", () => {
  test("View only cannot call a Support specialist's action (create a customer)", async ({ page }) => {
    await signInAs(page, "viewer");
    const create = await callServerAction(page, "/customers", serverActionId(CUSTOMER_ACTIONS, "createCustomerAction"), [
      { name: "Mallory Customer", email: "mallory.customer@example.com" },
    ]);
    expect(create.status()).toBe(200);
    const body = await create.text();
    expect(body).toContain("This needs the Administrator or Support specialist role; you are signed in as View only.");
    expect(body).not.toContain('"ok":true');

    await page.goto("/customers");
    await expect(page.getByRole("heading", { name: "Customers", exact: true })).toBeVisible();
    await expect(page.getByText("mallory.customer@example.com")).toHaveCount(0);
  });

  test("a viewer cannot promote themselves or disable an admin", async ({ page, browser }) => {
    const admin = await browser.newPage();
    await signInAs(admin, "admin");
    const viewerId = await staffIdOf(admin, DEMO.viewer.email);
    const adminId = await staffIdOf(admin, DEMO.admin.email);

    await signInAs(page, "viewer");
    const promote = await callServerAction(page, "/settings/staff", serverActionId(STAFF_ACTIONS, "changeStaffRoleAction"), [
      { staffId: viewerId, roles: ["administrator"] },
    ]);
    expect(promote.status()).toBe(200);
    const promoteBody = await promote.text();
    expect(promoteBody).toContain("This needs the Administrator role; you are signed in as View only.");
    expect(promoteBody).not.toContain('"ok":true');

    const disable = await callServerAction(page, "/settings/staff", serverActionId(STAFF_ACTIONS, "setStaffDisabledAction"), [
      { staffId: adminId, disabled: true },
    ]);
    expect(await disable.text()).toContain("This needs the Administrator role");

    // Nothing changed: the viewer is still a viewer, the admin still active.
    await page.goto("/");
    await expect(page.getByTestId("staff-role")).toHaveText("View only");
    await admin.goto("/settings/staff");
    await expect(staffRow(admin, DEMO.viewer.email).getByTestId("staff-roles")).toHaveText("View only");
    await expect(staffRow(admin, DEMO.admin.email)).toContainText("Active");
  });

  test("an agent cannot invite staff", async ({ page, browser }) => {
    await signInAs(page, "agent");
    const invite = await callServerAction(page, "/settings/staff", serverActionId(STAFF_ACTIONS, "inviteStaffAction"), [
      { email: "mallory@ledgerline.test", name: "Mallory", roles: ["administrator"] },
    ]);
    const body = await invite.text();
    expect(body).toContain("This needs the Administrator role; you are signed in as Support specialist, Refund analyst and Dispute analyst.");
    expect(body).not.toContain("temporaryPassword");

    const admin = await browser.newPage();
    await signInAs(admin, "admin");
    await admin.goto("/settings/staff");
    await expect(staffRow(admin, "mallory@ledgerline.test")).toHaveCount(0);
  });

  test("a signed-out caller never reaches the action", async ({ page, browser }) => {
    await page.goto("/sign-in");
    const call = await callServerAction(page, "/settings/staff", serverActionId(STAFF_ACTIONS, "inviteStaffAction"), [
      { email: "eve@ledgerline.test", name: "Eve", roles: ["administrator"] },
    ]);
    expect(call.status()).toBe(307);
    expect(call.headers().location).toContain("/sign-in");

    const admin = await browser.newPage();
    await signInAs(admin, "admin");
    await admin.goto("/settings/staff");
    await expect(staffRow(admin, "eve@ledgerline.test")).toHaveCount(0);
  });
});
