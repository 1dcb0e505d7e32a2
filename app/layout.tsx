import type { Metadata } from "next";
import { headers } from "next/headers";
import { Toasts } from "@/components/shell/toasts";
import { currentStaff } from "@/lib/auth/require-role";
import "./globals.css";

export const metadata: Metadata = { title: "Ledgerline" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Reading the request renders every page per request, so each gets its nonce (proxy.ts): a page
  // prerendered at build time would carry inline scripts no nonce allows.
  await headers();
  // The theme is in the first byte of HTML (no script decides it later), so no page flashes the
  // wrong one; signed out, and on customer pages, it follows the system.
  const theme = (await currentStaff())?.theme ?? "system";
  return (
    <html lang="en" data-theme={theme}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        {children}
        <Toasts theme={theme} />
      </body>
    </html>
  );
}
