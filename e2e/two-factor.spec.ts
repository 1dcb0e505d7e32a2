import { expect, test, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { DEMO, inviteStaff, signIn, signInAs, signOut, staffRow } from "./helpers";

// The code an authenticator app would show, `offsetSteps` 30-second steps from now. A code is
// accepted once per step, so each sign-in uses the step after the last one used (within the
// server's one-step allowance for clock drift).
const codeFor = (secret: string, offsetSteps = 0) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + offsetSteps * 30_000 });

async function enterCode(page: Page, code: string) {
  await page.getByLabel("Code from your authenticator app").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
}

test("an invited admin must set up two-factor sign-in, then signs in with a code; replayed and spent codes are refused", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const admin = await browser.newPage();
  await signInAs(admin, "admin");
  const temporary = await inviteStaff(admin, { email: "tara@ledgerline.test", name: "Tara Admin", roles: ["administrator"] });
  const password = "tara's own long password";

  await signIn(page, "tara@ledgerline.test", temporary);
  await page.getByLabel("Current password").fill(temporary);
  await page.getByLabel("New password (at least 12 characters)").fill(password);
  await page.getByLabel("New password again").fill(password);
  await page.getByRole("button", { name: "Save password" }).click();

  // An admin without a second factor is sent to set it up, from any page.
  await expect(page.getByRole("heading", { name: "Set up two-factor sign-in" })).toBeVisible();
  await page.goto("/payments");
  await expect(page).toHaveURL(/\/settings\/two-factor$/);
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  const secret = (await page.getByTestId("two-factor-secret").textContent())!.trim();
  await page.getByLabel("Enter the 6-digit code the app shows").fill("000000" === codeFor(secret) ? "111111" : "000000");
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByText(/^That code does not match/)).toBeVisible();
  await page.getByLabel("Enter the 6-digit code the app shows").fill(codeFor(secret));
  await page.getByRole("button", { name: "Turn on" }).click();
  const codes = page.getByTestId("recovery-codes").getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.first().textContent())!.trim();
  await page.getByRole("link", { name: /I have saved them/ }).click();
  await expect(page.getByTestId("staff-role")).toHaveText("Administrator");
  // The secret is never shown again.
  await page.goto("/settings/two-factor");
  await expect(page.getByTestId("two-factor-status")).toContainText("Unused recovery codes: 10");
  await expect(page.getByTestId("two-factor-secret")).toHaveCount(0);

  // The password alone gives no session: the code is asked next.
  await page.goto("/payments");
  await signOut(page);
  await signIn(page, "tara@ledgerline.test", password);
  await expect(page.getByLabel("Code from your authenticator app")).toBeVisible();
  await page.goto("/payments");
  await expect(page).toHaveURL(/\/sign-in/);

  await signIn(page, "tara@ledgerline.test", password);
  const code = codeFor(secret, 1);
  await enterCode(page, code);
  await expect(page.getByTestId("staff-role")).toHaveText("Administrator");

  // The same code again is refused; an unused recovery code works once.
  await signOut(page);
  await signIn(page, "tara@ledgerline.test", password);
  await enterCode(page, code);
  await expect(page.getByTestId("sign-in-error")).toHaveText(
    "That code is wrong or was already used. Enter the current code from your app, or an unused recovery code.",
  );
  await enterCode(page, recovery);
  await expect(page.getByTestId("staff-role")).toHaveText("Administrator");
  await signOut(page);
  await signIn(page, "tara@ledgerline.test", password);
  await enterCode(page, recovery);
  await expect(page.getByTestId("sign-in-error")).toContainText("That code is wrong or was already used.");
});

test("a high-risk change in a session older than the window asks the person to confirm it is them, then goes through", async ({ page }) => {
  test.setTimeout(150_000);
  await signInAs(page, "admin");
  await inviteStaff(page, { email: "uma@ledgerline.test", name: "Uma Viewer", roles: ["view_only"] });
  await page.goto("/settings");
  await page.getByLabel("Minutes a sign-in or confirmation counts as recent").fill("1");
  await page.getByRole("button", { name: "Save minutes" }).click();
  await expect(page.getByText("High-risk actions now need a sign-in or confirmation within the last 1 minute.")).toBeVisible();

  // The sign-in is now older than the window.
  await page.waitForTimeout(62_000);
  await page.goto("/settings/staff");
  const row = staffRow(page, "uma@ledgerline.test");
  await row.getByRole("checkbox", { name: "Analyst for Uma Viewer (uma@ledgerline.test)", exact: true }).check();
  await row.getByRole("button", { name: /^Save roles of Uma Viewer/ }).click();
  await expect(row.getByRole("status").first()).toContainText("This needs you to confirm it is you");
  const dialog = row.getByRole("dialog", { name: "Confirm it’s you" });
  await dialog.getByLabel("Your password, or a code from your authenticator app").fill("not the password");
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("That is not your password.");
  await page.reload();
  await expect(staffRow(page, "uma@ledgerline.test").getByTestId("staff-roles")).toHaveText("View only");

  await row.getByRole("checkbox", { name: "Analyst for Uma Viewer (uma@ledgerline.test)", exact: true }).check();
  await row.getByRole("button", { name: /^Save roles of Uma Viewer/ }).click();
  await dialog.getByLabel("Your password, or a code from your authenticator app").fill(DEMO.admin.password);
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(row.getByTestId("step-up-confirmed")).toContainText("Confirmed.");
  await row.getByRole("button", { name: /^Save roles of Uma Viewer/ }).click();
  await expect(row.getByRole("status").first()).toHaveText("Uma Viewer is now Analyst and View only; their sessions have ended.");

  await page.goto("/settings");
  await page.getByLabel("Minutes a sign-in or confirmation counts as recent").fill("10");
  await page.getByRole("button", { name: "Save minutes" }).click();
  await expect(page.getByText("within the last 10 minutes.").first()).toBeVisible();
});

test("a person draws new recovery codes, which replace the old ones, and turns their own two-factor sign-in off", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const admin = await browser.newPage();
  await signInAs(admin, "admin");
  const temporary = await inviteStaff(admin, { email: "vic@ledgerline.test", name: "Vic Viewer", roles: ["view_only"] });
  const password = "vic's own long password";
  await signIn(page, "vic@ledgerline.test", temporary);
  await page.getByLabel("Current password").fill(temporary);
  await page.getByLabel("New password (at least 12 characters)").fill(password);
  await page.getByLabel("New password again").fill(password);
  await page.getByRole("button", { name: "Save password" }).click();
  await expect(page.getByTestId("staff-role")).toHaveText("View only");

  await page.goto("/settings/two-factor");
  const secret = (await page.getByTestId("two-factor-secret").textContent())!.trim();
  await page.getByLabel("Enter the 6-digit code the app shows").fill(codeFor(secret));
  await page.getByRole("button", { name: "Turn on" }).click();
  const old = (await page.getByTestId("recovery-codes").getByRole("listitem").first().textContent())!.trim();

  // Signed in a moment ago, so no confirmation is asked: the new codes are shown once.
  await page.goto("/settings/two-factor");
  await page.getByRole("button", { name: "Draw new recovery codes" }).click();
  await expect(page.getByText("These are your new recovery codes; the old ones no longer work.", { exact: false })).toBeVisible();
  const codes = page.getByTestId("recovery-codes").getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const fresh = (await codes.first().textContent())!.trim();
  expect(fresh).not.toBe(old);

  await page.goto("/payments");
  await signOut(page);
  await signIn(page, "vic@ledgerline.test", password);
  await enterCode(page, old);
  await expect(page.getByTestId("sign-in-error")).toContainText("That code is wrong or was already used.");
  await enterCode(page, fresh);
  await expect(page.getByTestId("staff-role")).toHaveText("View only");

  await page.goto("/settings/two-factor");
  await page.getByRole("button", { name: "Turn off two-factor sign-in" }).click();
  await expect(page.getByText("Two-factor sign-in is off: you now sign in with your password alone.", { exact: false })).toBeVisible();
  await page.goto("/payments");
  await signOut(page);
  await signIn(page, "vic@ledgerline.test", password);
  await expect(page.getByTestId("staff-role")).toHaveText("View only");
});

test("a person adds a passkey in Chromium's virtual authenticator and signs in with it instead of a code", async ({ page, browser }) => {
  test.setTimeout(120_000);
  // A platform authenticator that says yes at once, as a fingerprint reader would (Chrome DevTools
  // Protocol, WebAuthn domain): it holds the credential the page creates and signs with it later.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });

  const admin = await browser.newPage();
  await signInAs(admin, "admin");
  const temporary = await inviteStaff(admin, { email: "pia@ledgerline.test", name: "Pia Analyst", roles: ["analyst"] });
  const password = "pia's own long password";
  await signIn(page, "pia@ledgerline.test", temporary);
  await page.getByLabel("Current password").fill(temporary);
  await page.getByLabel("New password (at least 12 characters)").fill(password);
  await page.getByLabel("New password again").fill(password);
  await page.getByRole("button", { name: "Save password" }).click();
  await expect(page.getByTestId("staff-role")).toHaveText("Analyst");

  await page.goto("/settings");
  const panel = page.getByTestId("passkeys");
  await panel.getByLabel("Name for a new passkey").fill("Test laptop");
  await panel.getByRole("button", { name: "Add a passkey" }).click();
  await expect(panel.getByRole("status")).toHaveText('Passkey "Test laptop" added: you can use it instead of a code.');
  await expect(panel.getByRole("listitem")).toHaveCount(1);
  const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(credentials).toHaveLength(1);

  // The password alone is not enough now: the second step takes the passkey.
  await page.goto("/payments");
  await signOut(page);
  await signIn(page, "pia@ledgerline.test", password);
  await expect(page.getByLabel("Code from your authenticator app")).toBeVisible();
  await page.goto("/payments");
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, "pia@ledgerline.test", password);
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page.getByTestId("staff-role")).toHaveText("Analyst");
  const after = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(after.credentials[0]!.signCount).toBeGreaterThan(credentials[0]!.signCount);
});
