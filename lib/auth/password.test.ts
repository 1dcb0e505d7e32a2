import { describe, expect, it } from "vitest";
import { generatePassword, hashPassword, verifyAgainstDummy, verifyPassword } from "./password";

describe("staff passwords", () => {
  it("hashes with scrypt into a versioned string and verifies it", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^scrypt\$v1\$N=32768,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same password")).not.toBe(await hashPassword("same password"));
  });

  it("reads the cost from the stored hash, so older costs keep working", async () => {
    const { scryptSync } = await import("node:crypto");
    const salt = Buffer.from("0123456789abcdef");
    const key = scryptSync("old one", salt, 32, { N: 1024, r: 8, p: 1 });
    const old = `scrypt$v1$N=1024,r=8,p=1$${salt.toString("base64url")}$${key.toString("base64url")}`;
    expect(await verifyPassword("old one", old)).toBe(true);
    expect(await verifyPassword("old two", old)).toBe(false);
  });

  it("treats unreadable hashes as a mismatch instead of throwing", async () => {
    expect(await verifyPassword("x", "")).toBe(false);
    expect(await verifyPassword("x", "bcrypt$2b$10$abc")).toBe(false);
    expect(await verifyPassword("x", "scrypt$v1$N=1024,r=8,p=1$c2FsdA$")).toBe(false);
  });

  it("spends comparable time on unknown accounts", async () => {
    await verifyAgainstDummy("warm-up");
    const hash = await hashPassword("something");
    const t0 = performance.now();
    await verifyPassword("guess", hash);
    const real = performance.now() - t0;
    const t1 = performance.now();
    expect(await verifyAgainstDummy("guess")).toBe(false);
    const dummy = performance.now() - t1;
    expect(dummy).toBeGreaterThan(real / 3);
  });

  it("generates readable one-time passwords", () => {
    const password = generatePassword();
    expect(password).toMatch(/^[a-zA-Z2-9]{4}(-[a-zA-Z2-9]{4}){3}$/);
    expect(password).not.toMatch(/[01lIoO]/);
    expect(generatePassword()).not.toBe(password);
  });
});
