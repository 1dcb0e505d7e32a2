import { appConfig, ConfigError } from "@/lib/env";

/**
 * Where alert mail goes. SMTP_URL (smtp://user:pass@host:587, smtps://… for TLS from the start)
 * names the server; `npm start`, the e2e server and the tests set it to a local mailbox
 * (lib/alerts/mailbox.ts) when it is not set. LOCAL_MAILBOX_DIR is where that mailbox keeps what
 * it receives, shown to admins at Settings → Mail in emulator mode.
 */

export interface MailConfig {
  smtpUrl: string | null;
  from: string;
  /** Absolute base for links in mail: NEXTAUTH_URL, the address staff sign in at. */
  appUrl: string;
  localMailboxDir: string | null;
  /** Signs unsubscribe links. */
  secret: string;
}

export function mailConfig(env: Record<string, string | undefined> = process.env): MailConfig {
  const config = appConfig();
  const smtpUrl = env.SMTP_URL?.trim() || null;
  if (smtpUrl && !/^smtps?:\/\/[^\s/]+(\/[^\s]*)?$/.test(smtpUrl)) {
    throw new ConfigError(["SMTP_URL must be an smtp:// or smtps:// URL, for example smtp://user:password@mail.example.com:587"]);
  }
  return {
    smtpUrl,
    from: env.MAIL_FROM?.trim() || `${config.merchantName} alerts <alerts@ledgerline.invalid>`,
    appUrl: (config.auth.url ?? env.APP_URL ?? "http://127.0.0.1:3000").replace(/\/+$/, ""),
    localMailboxDir: env.LOCAL_MAILBOX_DIR?.trim() || null,
    secret: config.auth.secret,
  };
}
