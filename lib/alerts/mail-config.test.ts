import { describe, expect, it } from "vitest";
import { ConfigError } from "@/lib/env";
import { mailConfig } from "./mail-config";

describe("mail configuration", () => {
  it("takes an smtp:// or smtps:// SMTP_URL, or none", () => {
    expect(mailConfig({ SMTP_URL: " smtp://user:pass@mail.example.com:587 " }).smtpUrl).toBe("smtp://user:pass@mail.example.com:587");
    expect(mailConfig({ SMTP_URL: "smtps://mail.example.com" }).smtpUrl).toBe("smtps://mail.example.com");
    expect(mailConfig({ SMTP_URL: "" }).smtpUrl).toBeNull();
    expect(mailConfig({}).smtpUrl).toBeNull();
  });

  it("refuses anything else by name, so the server stops at start instead of queueing mail forever", () => {
    for (const bad of ["mail.example.com:587", "http://mail.example.com", "smtp://", "smtp://host name"]) {
      expect(() => mailConfig({ SMTP_URL: bad })).toThrow(ConfigError);
      expect(() => mailConfig({ SMTP_URL: bad })).toThrow(/SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
    }
  });
});
